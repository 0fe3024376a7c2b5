using System.Net.Sockets;
using Fathom.Core.Storage;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>Turns Npgsql's errors into <see cref="ArchiveException"/> messages a user reads: what failed, where, why; never a password.</summary>
internal static class PostgresFailures
{
    /// <summary>True for errors of reaching the server (refused, reset, timed out, starting or shutting down): worth retrying later.</summary>
    public static bool IsUnreachable(Exception e) => e switch
    {
        PostgresException p => p.SqlState is "57P01" or "57P02" or "57P03" or "53300" || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.InnerException is SocketException or IOException or TimeoutException || n.IsTransient,
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    public static bool IsDatabaseError(Exception e) => e is NpgsqlException or SocketException or IOException or TimeoutException or InvalidOperationException;

    public static ArchiveException Wrap(string target, string doing, Exception e)
    {
        if (e is ArchiveException archive)
        {
            return archive;
        }

        var kind = IsUnreachable(e) ? ArchiveErrorKind.Failed : e is PostgresException { SqlState: "28P01" or "28000" or "3D000" } ? ArchiveErrorKind.Unusable : ArchiveErrorKind.Failed;
        return new ArchiveException(kind, $"cannot {doing} PostgreSQL archive {target}: {Reason(e)}", e);
    }

    public static string Reason(Exception e) => e switch
    {
        PostgresException { SqlState: "28P01" } => "password authentication failed",
        PostgresException { SqlState: "28000" } p => $"authentication refused ({p.MessageText})",
        PostgresException { SqlState: "3D000" } p => p.MessageText,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => "the server is shutting down or starting up",
        PostgresException p => $"{p.MessageText} (SQLSTATE {p.SqlState})",
        NpgsqlException { InnerException: SocketException s } => $"the server is unreachable ({s.Message})",
        NpgsqlException { InnerException: TimeoutException } => "the server did not answer in time",
        NpgsqlException { InnerException: IOException io } => $"the connection was lost ({io.Message})",
        NpgsqlException n => n.Message,
        SocketException s => $"the server is unreachable ({s.Message})",
        _ => e.Message,
    };
}
