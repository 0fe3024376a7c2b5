namespace Fathom.Cli.Tests;

/// <summary>Captures what a command prints.</summary>
internal sealed class FakeConsole : IConsole
{
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };

    public TextWriter Out => _out;

    public TextWriter Error => _error;

    public string OutText => _out.ToString();

    public string ErrorText => _error.ToString();
}
