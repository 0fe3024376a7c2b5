using Fathom.Core.Processes;

namespace Fathom.Collectors.Common.Processes;

/// <summary>How a script is started, in its own process group with stdout and stderr piped.</summary>
internal static class ScriptSpawn
{
    private const string SetPriv = "/usr/bin/setpriv";

    public static SpawnOptions Options(string command, IReadOnlyList<string> arguments, IReadOnlyList<string>? environment = null, string? workingDirectory = null)
    {
        // Through setpriv, the script gets PR_SET_PDEATHSIG (posix_spawn cannot set it), so a
        // SIGKILLed daemon leaves no script behind; setpriv execs in place, same pid and group.
        var viaSetPriv = File.Exists(SetPriv);
        return new SpawnOptions
        {
            Executable = viaSetPriv ? SetPriv : command,
            Arguments = viaSetPriv ? ["setpriv", "--pdeathsig", "KILL", "--", command, .. arguments] : [command, .. arguments],
            Environment = environment ?? SpawnOptions.CurrentEnvironment(),
            WorkingDirectory = workingDirectory,
            NewProcessGroup = true,
            StandardInput = StdioMode.Null,
            StandardOutput = StdioMode.Pipe,
            StandardError = StdioMode.Pipe,
        };
    }
}
