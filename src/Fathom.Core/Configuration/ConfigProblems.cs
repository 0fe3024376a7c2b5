namespace Fathom.Core.Configuration;

/// <summary>
/// Gathers the mistakes of one block so a module reports all of them, not just the first:
/// each check runs through <see cref="Read{T}"/> or <see cref="Check"/>, then <see cref="ThrowIfAny"/>.
/// </summary>
public sealed class ConfigProblems
{
    private readonly List<ConfigException> _errors = [];

    public IReadOnlyList<ConfigException> Errors => _errors;

    public void Add(ConfigException error) => _errors.Add(error);

    /// <summary>The value read, or <paramref name="fallback"/> (and the mistake kept) when reading throws.</summary>
    public T Read<T>(Func<T> read, T fallback)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (ConfigException e)
        {
            _errors.Add(e);
            return fallback;
        }
        catch (ConfigErrors e)
        {
            _errors.AddRange(e.Errors);
            return fallback;
        }
    }

    public void Check(Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Read(() =>
        {
            check();
            return true;
        }, false);
    }

    /// <summary>Throws the one mistake found as itself, several as <see cref="ConfigErrors"/>.</summary>
    public void ThrowIfAny()
    {
        switch (_errors.Count)
        {
            case 0:
                return;
            case 1:
                throw _errors[0];
            default:
                throw new ConfigErrors([.. _errors]);
        }
    }
}
