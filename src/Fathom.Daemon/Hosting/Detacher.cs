using System.Globalization;
using Fathom.Child;
using Fathom.Core.Processes;
using Fathom.Daemon.Child;
using Fathom.Daemon.Cli;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// Daemon mode without fork: re-executes fathomd in a new session, cwd /, stdio on /dev/null,
/// and waits on a pipe until the copy reports READY (exit 0) or its start-up error (printed here).
/// </summary>
internal static class Detacher
{
    public static async Task<int> LaunchAndWaitAsync(DaemonOptions o, string configFile)
    {
        var args = new List<string> { $"--config={configFile}" };
        AddPath(args, "piddir", o.PidDir);
        if (o.PidFile is { } pidFile)
        {
            args.Add($"--pidfile={(pidFile.Contains('/', StringComparison.Ordinal) ? Path.GetFullPath(pidFile) : pidFile)}");
        }

        AddPath(args, "logger", o.LoggerFile);
        AddPath(args, "output", o.OutputFile);
        if (o.IgnorePid)
        {
            args.Add("--ignorepid");
        }

        if (o.User is not null)
        {
            args.Add($"--user={o.User}");
            args.Add($"--group={o.Group}");
        }

        using var child = ChildProcess.Start(new SpawnOptions
        {
            Executable = ChildLauncher.Executable(),
            Arguments = ChildLauncher.Arguments("fathomd", args),
            Environment = SpawnOptions.CurrentEnvironment(new KeyValuePair<string, string?>(ChildEnvironment.ReadyFd, "3")),
            WorkingDirectory = "/",
            NewSession = true,
            StandardInput = StdioMode.Null,
            StandardOutput = StdioMode.Null,
            StandardError = StdioMode.Null,
            ExtraPipes = [new ExtraPipe(3, ChildWrites: true)],
        });
        using var reader = new StreamReader(child.ExtraStreams[0]);
        var line = await reader.ReadLineAsync().ConfigureAwait(false);
        if (line == "READY")
        {
            return ExitCodes.Ok;
        }

        if (line is not null && line.StartsWith("ERROR ", StringComparison.Ordinal))
        {
            var rest = line[6..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            var code = int.Parse(rest[..space], CultureInfo.InvariantCulture);
            await Console.Error.WriteLineAsync($"fathomd: {rest[(space + 1)..].Replace('\u001e', '\n')}").ConfigureAwait(false);
            return code;
        }

        var exit = await child.Exited.ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"fathomd: the daemon ended during start-up ({exit})").ConfigureAwait(false);
        return ExitCodes.Failure;
    }

    private static void AddPath(List<string> args, string flag, string? value)
    {
        if (value is not null)
        {
            args.Add($"--{flag}={Path.GetFullPath(value)}");
        }
    }
}
