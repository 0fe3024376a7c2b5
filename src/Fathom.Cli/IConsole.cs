namespace Fathom.Cli;

/// <summary>Where commands write, so tests can run them in-process and read what they printed.</summary>
internal interface IConsole
{
    TextWriter Out { get; }

    TextWriter Error { get; }
}
