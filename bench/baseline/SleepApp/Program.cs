// The .NET runtime baseline for RSS: a console program that only sleeps until it is stopped.
Console.WriteLine($"sleeping, pid {Environment.ProcessId}");
Thread.Sleep(Timeout.Infinite);
