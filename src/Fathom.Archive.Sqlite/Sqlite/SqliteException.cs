using Fathom.Core.Storage;

namespace Fathom.Archive.Sqlite;

/// <summary>
/// A SQLite call failed; carries SQLite's message, its extended result code and the file. An
/// <see cref="ArchiveException"/> of kind <see cref="ArchiveErrorKind.Failed"/>, so nothing outside the backend needs to know it.
/// </summary>
public sealed class SqliteException : ArchiveException
{
    public SqliteException()
        : base(ArchiveErrorKind.Failed, "sqlite call failed")
    {
        Path = "";
    }

    public SqliteException(string message)
        : base(ArchiveErrorKind.Failed, message)
    {
        Path = "";
    }

    public SqliteException(string message, Exception innerException)
        : base(ArchiveErrorKind.Failed, message, innerException)
    {
        Path = "";
    }

    public SqliteException(string path, int extendedCode, string sqliteMessage)
        : base(ArchiveErrorKind.Failed, $"sqlite {path}: {sqliteMessage} (code {extendedCode})")
    {
        Path = path;
        ExtendedCode = extendedCode;
        SqliteMessage = sqliteMessage;
    }

    public string Path { get; }

    public int ExtendedCode { get; }

    /// <summary>The primary result code (SQLITE_BUSY, SQLITE_NOTADB, ...): the low byte of the extended one.</summary>
    public int PrimaryCode => ExtendedCode & 0xFF;

    public string SqliteMessage { get; } = "";
}
