namespace Fathom.Core.Storage;

/// <summary>
/// Small named values a daemon part keeps beside its measurements (the lookup registrar's
/// client-uuid and record uris), so they survive a restart with the archive. Names are the
/// caller's; values are short text. Safe to use from one thread at a time.
/// </summary>
public interface IArchiveState : IDisposable
{
    /// <summary>The value of <paramref name="name"/>, or null when none is stored.</summary>
    string? Get(string name);

    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/>; null removes it.</summary>
    void Set(string name, string? value);

    /// <summary>Every stored name that starts with <paramref name="prefix"/>, with its value.</summary>
    IReadOnlyDictionary<string, string> List(string prefix);
}
