namespace Fathom.Archive;

/// <summary>What an opened SQLite file holds, as far as Fathom is concerned.</summary>
internal enum SchemaState
{
    /// <summary>A new or empty database: no tables, no application id.</summary>
    Empty,

    /// <summary>A Fathom archive of schema version 1 (a row per point); the writer migrates it, the reader reads it as is.</summary>
    Version1,

    /// <summary>A Fathom archive of schema version 2 (blocks, no rollups); the writer migrates it, the reader aggregates raw points.</summary>
    Version2,

    /// <summary>A Fathom archive at the current schema version.</summary>
    Current,
}
