namespace Fathom.Archive.Sqlite;

/// <summary>A SQLite call failed; carries SQLite's message, its extended result code and the file.</summary>
internal sealed class SqliteException : Exception
{
    public SqliteException()
    {
        Path = "";
    }

    public SqliteException(string message)
        : base(message)
    {
        Path = "";
    }

    public SqliteException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    public SqliteException(string path, int extendedCode, string sqliteMessage)
        : base($"sqlite {path}: {sqliteMessage} (code {extendedCode})")
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
