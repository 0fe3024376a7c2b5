using System.Globalization;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>
/// Checks a query's range and step before any read: the read port answers bad input with its one
/// <see cref="ArchiveException"/>, so the CLI and the API report it as they report any archive error.
/// </summary>
internal static class QueryArguments
{
    public static void CheckRange(long fromNs, long toNs)
    {
        if (fromNs > toNs)
        {
            throw new ArchiveException(string.Create(CultureInfo.InvariantCulture,
                $"the query's start ({fromNs} ns) is after its end ({toNs} ns)"));
        }
    }

    public static void CheckStep(long stepNs)
    {
        if (stepNs <= 0)
        {
            throw new ArchiveException(string.Create(CultureInfo.InvariantCulture,
                $"the query's step must be positive (got {stepNs} ns)"));
        }
    }
}
