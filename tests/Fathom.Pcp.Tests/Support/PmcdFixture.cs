using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Fathom.Pcp.Tests.Support;

/// <summary>
/// A private pmcd on 127.0.0.1 and a free port with only the mmv PMDA, whose $PCP_TMP_DIR is a
/// temp folder (so tests never touch /var/lib/pcp/tmp/mmv). Needs no PMNS rebuild and no /run/pcp.
/// Stopped by its pid.
/// </summary>
public sealed class PmcdFixture : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private readonly Process _pmcd;

    public PmcdFixture()
    {
        var pmcd = PcpTools.Pmcd;
        MmvDirectory = _folder.Combine("tmp", "mmv");
        Directory.CreateDirectory(MmvDirectory);
        Directory.CreateDirectory(_folder.Combine("run"));
        File.WriteAllText(_folder.Combine("pmcd.conf"), $"mmv\t70\tdso\tmmv_init\t{PcpTools.MmvPmda}\n\n[access]\nallow \"127.0.0.1\" : all;\nallow \"local:*\" : all;\n");
        File.WriteAllText(_folder.Combine("root"), "root {\n\tmmv\t70:*:*\n}\n");
        Port = FreePort();
        Log = _folder.Combine("pmcd.log");
        _pmcd = new Process
        {
            StartInfo = Processes.Info(
                pmcd,
                ["-f", "-A", "-i", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", _folder.Combine("pmcd.conf"), "-n", _folder.Combine("root"),
                 "-l", Log, "-s", _folder.Combine("run", "pmcd.socket"), "-x", _folder.Combine("pmcd.fatal")],
                new Dictionary<string, string> { ["PCP_TMP_DIR"] = _folder.Combine("tmp"), ["PCP_RUN_DIR"] = _folder.Combine("run") }),
        };
        _pmcd.Start();
        _pmcd.StandardOutput.ReadToEndAsync();
        _pmcd.StandardError.ReadToEndAsync();
        WaitUntilServing();
    }

    /// <summary>The mmv PMDA's folder, $PCP_TMP_DIR/mmv.</summary>
    public string MmvDirectory { get; }

    public int Port { get; }

    public string Log { get; }

    /// <summary>Runs pminfo against this pmcd.</summary>
    public ProcessResult PmInfo(params string[] args) =>
        Processes.Run(PcpTools.PmInfo, ["-h", "127.0.0.1", .. args], new Dictionary<string, string> { ["PMCD_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Polls pminfo until its output satisfies <paramref name="done"/>; returns the last output.</summary>
    public string PollPmInfo(Func<string, bool> done, params string[] args)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = PmInfo(args);
            var text = result.Output + result.Error;
            if (done(text) || deadline.Elapsed > StartTimeout)
            {
                return text;
            }

            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        if (!_pmcd.HasExited)
        {
            _pmcd.Kill();
            _pmcd.WaitForExit();
        }

        _pmcd.Dispose();
        _folder.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilServing()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_pmcd.HasExited)
            {
                throw new InvalidOperationException($"pmcd exited with {_pmcd.ExitCode}: {ReadLog()}");
            }

            if (PmInfo("mmv.control.files").ExitCode == 0)
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"pmcd did not answer on 127.0.0.1:{Port} within {StartTimeout}: {ReadLog()}");
            }

            Thread.Sleep(100);
        }
    }

    private string ReadLog() => File.Exists(Log) ? File.ReadAllText(Log) : "(no log)";
}
