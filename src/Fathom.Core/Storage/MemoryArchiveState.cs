namespace Fathom.Core.Storage;

/// <summary>
/// The state of a backend that cannot keep it: values live as long as the process (a restart
/// starts afresh, e.g. a lookup registrar registers anew).
/// </summary>
public sealed class MemoryArchiveState : IArchiveState
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public string? Get(string name)
    {
        lock (_lock)
        {
            return _values.GetValueOrDefault(name);
        }
    }

    /// <inheritdoc/>
    public void Set(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            if (value is null)
            {
                _values.Remove(name);
            }
            else
            {
                _values[name] = value;
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> List(string prefix)
    {
        lock (_lock)
        {
            return _values.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
