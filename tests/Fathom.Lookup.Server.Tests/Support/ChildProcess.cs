using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Fathom.Lookup.Server.Tests.Support;

/// <summary>A real process (fathom, or the Perl client), its stdout and stderr kept apart; stopped by pid.</summary>
internal sealed class ChildProcess : IDisposable
{
    public const int SigTerm = 15;
    public const int SigInt = 2;
    public const int SigKill = 9;

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_err, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Stdout => Read(_out);

    public string Stderr => Read(_err);

    public static ChildProcess Start(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return new ChildProcess(Process.Start(info)!);
    }

    /// <summary>Runs to completion (at most <paramref name="timeout"/>, default 30 s): exit code, stdout, stderr.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        using var p = Start(file, args);
        var code = await p.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return (code, p.Stdout, p.Stderr);
    }

    /// <summary>The Perl reference client: sls-client.pl URL COMMAND ARGS...</summary>
    public static Task<(int Code, string Stdout, string Stderr)> SlsClientAsync(string url, params string[] args) =>
        RunAsync(Repo.SlsClient, [url, .. args]);

    public void Signal(int signal) => _ = kill(Pid, signal);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout.TotalSeconds} s:\n{Stdout}\n{Stderr}");
        }

        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>Waits until stderr or stdout holds <paramref name="text"/> (at most 30 s).</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Stderr.Contains(text, StringComparison.Ordinal) && !Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"no '{text}' from {_process.StartInfo.FileName}:\n{Stdout}\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal(SigKill);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private static void Add(StringBuilder sink, string? line)
    {
        if (line is not null)
        {
            lock (sink)
            {
                sink.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder sink)
    {
        lock (sink)
        {
            return sink.ToString();
        }
    }
}
