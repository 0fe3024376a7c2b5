using Fathom.Core.Processes;

namespace Fathom.Collectors.Throughput;

/// <summary>Finds the iperf3 program at each run, so installing it later needs no restart.</summary>
internal static class IperfLocator
{
    /// <summary>The program's path, or the reason it cannot be run.</summary>
    public static (string? Path, string? Error) Find(string? configured, string? pathVariable = null)
    {
        if (configured is not null)
        {
            return ExecutableSearch.IsExecutableFile(configured)
                ? (configured, null)
                : (null, File.Exists(configured) ? $"iperf3 {configured} is not executable" : $"iperf3 {configured} does not exist");
        }

        pathVariable ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        return ExecutableSearch.Find("iperf3", pathVariable) is { } found
            ? (found, null)
            : (null, $"iperf3 is not installed: not found on PATH ({pathVariable}); install it (apt-get install iperf3) or set 'iperf3'");
    }
}
