namespace Fathom.Archive.Tests;

/// <summary>
/// The test assembly's entry point (instead of the test SDK's empty one), so a test can start
/// this assembly with <c>dotnet</c> as a child process to kill.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) =>
        args.Length == 3 && args[0] == KillTarget.Verb ? KillTarget.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)) : 0;
}
