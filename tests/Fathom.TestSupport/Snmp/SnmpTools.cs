using System.Diagnostics;
using System.Text;

namespace Fathom.TestSupport.Snmp;

/// <summary>
/// Runs net-snmp's command-line tools (snmpget, snmpgetnext, snmpwalk, snmpbulkwalk) with
/// numeric, hex output and parses what they print, for cross-checking our client. MIB loading is
/// switched off (an empty MIBDIRS): the numeric output needs none and it only adds noise.
/// </summary>
public static class SnmpTools
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);
    private static readonly string EmptyMibDir = Directory.CreateTempSubdirectory("fathom-nomibs-").FullName;

    public static Task<IReadOnlyList<SnmpToolVarBind>> GetAsync(int port, string community, params string[] oids) =>
        RunAsync("snmpget", port, community, [], oids);

    public static Task<IReadOnlyList<SnmpToolVarBind>> GetNextAsync(int port, string community, params string[] oids) =>
        RunAsync("snmpgetnext", port, community, [], oids);

    public static Task<IReadOnlyList<SnmpToolVarBind>> WalkAsync(int port, string community, string root) =>
        RunAsync("snmpwalk", port, community, [], [root]);

    public static Task<IReadOnlyList<SnmpToolVarBind>> BulkWalkAsync(int port, string community, string root, int maxRepetitions = 10) =>
        RunAsync("snmpbulkwalk", port, community, ["-Cr" + maxRepetitions], [root]);

    public static async Task<IReadOnlyList<SnmpToolVarBind>> RunAsync(string tool, int port, string community, string[] extra, string[] oids)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-v2c", "-c", community, "-On", "-Oe", "-Ox", "-t", "2", "-r", "1", .. extra, $"127.0.0.1:{port}", .. oids])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MIBDIRS"] = EmptyMibDir;
        start.Environment["MIBS"] = "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(RunTimeout);
        await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}{output}");
        }

        return Parse(output);
    }

    /// <summary>Parses <c>-On -Oe -Ox</c> output; a Hex-STRING may continue over several lines.</summary>
    public static IReadOnlyList<SnmpToolVarBind> Parse(string output)
    {
        var result = new List<SnmpToolVarBind>();
        string? oid = null;
        string? type = null;
        var value = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith('.') && line.Contains(" = ", StringComparison.Ordinal))
            {
                Flush();
                var equals = line.IndexOf(" = ", StringComparison.Ordinal);
                oid = line[1..equals];
                (type, var text) = Split(line[(equals + 3)..]);
                value.Append(text);
            }
            else if (oid is not null && type == "Hex-STRING")
            {
                value.Append(line.Replace(" ", "", StringComparison.Ordinal).Trim());
            }
        }

        Flush();
        return result;

        void Flush()
        {
            if (oid is not null && type is not null)
            {
                result.Add(new SnmpToolVarBind(oid, type, value.ToString()));
            }

            oid = null;
            type = null;
            value.Clear();
        }
    }

    private static (string Type, string Value) Split(string rest)
    {
        rest = rest.TrimEnd();
        if (rest.StartsWith("No Such Object", StringComparison.Ordinal))
        {
            return ("NoSuchObject", "");
        }

        if (rest.StartsWith("No Such Instance", StringComparison.Ordinal))
        {
            return ("NoSuchInstance", "");
        }

        if (rest.StartsWith("No more variables", StringComparison.Ordinal))
        {
            return ("EndOfMibView", "");
        }

        if (rest == "\"\"")
        {
            return ("Hex-STRING", "");
        }

        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            return (rest.TrimEnd(':'), "");
        }

        var type = rest[..colon];
        var value = rest[(colon + 2)..];
        return type switch
        {
            "Hex-STRING" => (type, value.Replace(" ", "", StringComparison.Ordinal)),
            "STRING" => ("Hex-STRING", Convert.ToHexString(Encoding.UTF8.GetBytes(value.Trim('"')))),
            "Timeticks" => (type, value[(value.IndexOf('(', StringComparison.Ordinal) + 1)..value.IndexOf(')', StringComparison.Ordinal)]),
            "OID" => (type, value.TrimStart('.')),
            _ => (type, value),
        };
    }
}
