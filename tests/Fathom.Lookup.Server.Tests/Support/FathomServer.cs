using System.Text.RegularExpressions;

namespace Fathom.Lookup.Server.Tests.Support;

/// <summary>The real <c>fathom lookup-server</c> as a process on 127.0.0.1 port 0; its bound address read from its log line.</summary>
internal sealed partial class FathomServer : IDisposable
{
    private FathomServer(ChildProcess process, Uri address)
    {
        Process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
    }

    public ChildProcess Process { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string RecordsUrl => new Uri(Address, "lookup/records").ToString();

    public static Task<FathomServer> StartAsync(string store, params string[] extra) =>
        StartAsync(ChildProcess.Start(Repo.Fathom, ["lookup-server", "--listen", "127.0.0.1:0", "--store", store, .. extra]));

    /// <summary>Starts the server as a shell script's background job would: with SIGINT ignored (inherited through exec).</summary>
    public static Task<FathomServer> StartWithSigintIgnoredAsync(string store) =>
        StartAsync(ChildProcess.Start("/bin/sh", ["-c", "trap '' INT; exec \"$0\" \"$@\"", Repo.Fathom, "lookup-server", "--listen", "127.0.0.1:0", "--store", store]));

    private static async Task<FathomServer> StartAsync(ChildProcess process)
    {
        try
        {
            await process.WaitForOutputAsync("lookup server listening on http://");
            var address = Listening().Match(process.Stderr).Groups[1].Value;
            return new FathomServer(process, new Uri(address));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="signal"/> and returns the exit code (at most 20 s).</summary>
    public async Task<int> StopAsync(int signal = ChildProcess.SigTerm)
    {
        Process.Signal(signal);
        return await Process.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }

    [GeneratedRegex(@"lookup server listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
