using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Fathom.IntegrationTests;

/// <summary>The real fathomd started as a process, its output kept line by line.</summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private DaemonProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static DaemonProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? binary = null)
    {
        var info = new ProcessStartInfo(binary ?? Binaries.Fathomd)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return new DaemonProcess(Process.Start(info)!);
    }

    /// <summary>Runs fathomd (or fathom) to completion and returns its exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? env = null, string? binary = null)
    {
        using var p = Start(args, env, binary);
        var code = await p.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return (code, p.Output);
    }

    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null) =>
        await Wait.UntilAsync(() => Output.Contains(text, StringComparison.Ordinal), timeout ?? TimeSpan.FromSeconds(30), $"'{text}' in fathomd's output:\n{Output}");

    public int Count(string text)
    {
        var output = Output;
        var n = 0;
        for (var i = output.IndexOf(text, StringComparison.Ordinal); i >= 0; i = output.IndexOf(text, i + text.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

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
            throw new TimeoutException($"fathomd did not exit within {timeout.TotalSeconds} s:\n{Output}");
        }

        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal(9);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int sig);

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
