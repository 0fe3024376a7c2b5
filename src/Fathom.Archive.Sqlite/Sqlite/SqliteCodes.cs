namespace Fathom.Archive.Sqlite;

/// <summary>Primary result codes the archive reacts to.</summary>
internal static class SqliteCodes
{
    public const int Busy = 5;
    public const int ReadOnly = 8;
    public const int Corrupt = 11;
    public const int Full = 13;
    public const int CantOpen = 14;
    public const int NotADatabase = 26;
}
