using System.Diagnostics;
using System.Globalization;
using Fathom.Collectors.Tests.Net;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>
/// snmpd inside a test namespace (reached over the lab's veth), where interfaces can be added,
/// renamed and the agent restarted without touching the host's own interfaces. interface_replace_old:
/// without it snmpd keeps a deleted interface's row when one of the same name comes back.
/// </summary>
internal sealed class NamespaceAgent : IDisposable
{
    private readonly string _ns;
    private readonly string _folder = Directory.CreateTempSubdirectory("fathom-snmpd-ns-").FullName;
    private Process? _process;

    public NamespaceAgent(string ns, string address, string clientNet)
    {
        _ns = ns;
        Address = address;
        File.WriteAllLines(Path.Combine(_folder, "snmpd.conf"), [$"agentAddress udp:{address}:161", $"rocommunity public {clientNet}", "interface_replace_old yes"]);
    }

    public string Address { get; }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", _ns, "/usr/sbin/snmpd", "-f", "-Lo", "-C", "-c", Path.Combine(_folder, "snmpd.conf"), "-p", Path.Combine(_folder, "snmpd.pid")])
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["SNMP_PERSISTENT_DIR"] = Path.Combine(_folder, "state");
        start.Environment["MIBS"] = "";
        start.Environment["MIBDIRS"] = _folder;
        // ip netns exec execs snmpd: this pid is snmpd's.
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (UpTime() is null)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30) || _process.HasExited)
            {
                throw new InvalidOperationException($"snmpd in {_ns} did not answer on {Address}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>sysUpTime in ticks by snmpget, or null when the agent does not answer.</summary>
    public long? UpTime()
    {
        var (code, stdout, _) = NetLab.RunRaw("snmpget", TimeSpan.FromSeconds(10), "-v2c", "-c", "public", "-On", "-Ot", "-t", "0.3", "-r", "0", Address, "1.3.6.1.2.1.1.3.0");
        return code == 0 && long.TryParse(stdout[(stdout.LastIndexOf(' ') + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } p)
        {
            NetLab.Run("kill", "-TERM", p.Id.ToString(CultureInfo.InvariantCulture));
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit(10_000);
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
