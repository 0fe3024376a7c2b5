namespace Fathom.Cli;

/// <summary>The process's standard output and error.</summary>
internal sealed class SystemConsole : IConsole
{
    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;
}
