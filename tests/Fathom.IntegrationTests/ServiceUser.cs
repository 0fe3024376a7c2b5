using System.Diagnostics;
using System.Globalization;

namespace Fathom.IntegrationTests;

/// <summary>A system user and group "fathom-it" (created once with useradd) and owner/mode lookups through stat(1).</summary>
internal static class ServiceUser
{
    public const string Name = "fathom-it";

    private static readonly Lazy<(uint Uid, uint Gid)> s_ids = new(Create);

    public static uint Uid => s_ids.Value.Uid;

    /// <summary>The user's name once it exists (created on first use): for --user/--group arguments.</summary>
    public static string Ensured
    {
        get
        {
            _ = s_ids.Value;
            return Name;
        }
    }

    public static uint Gid => s_ids.Value.Gid;

    /// <summary>"user:group mode" of a path, e.g. "root:root 755".</summary>
    public static string OwnerAndMode(string path) => Run("/usr/bin/stat", "-c", "%U:%G %a", path).Trim();

    private static (uint, uint) Create()
    {
        if (!TryRun("/usr/bin/id", "-u", Name))
        {
            Run("/usr/sbin/useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", Name);
        }

        return (uint.Parse(Run("/usr/bin/id", "-u", Name).Trim(), CultureInfo.InvariantCulture),
            uint.Parse(Run("/usr/bin/id", "-g", Name).Trim(), CultureInfo.InvariantCulture));
    }

    private static bool TryRun(string file, params string[] args)
    {
        using var p = Start(file, args);
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    private static string Run(string file, params string[] args)
    {
        using var p = Start(file, args);
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(30_000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        }

        return output;
    }

    private static Process Start(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }
}
