namespace Fathom.Core.Configuration;

/// <summary>The &lt;archive&gt; section of loaded settings, read by <see cref="ArchiveSectionReader"/>.</summary>
public static class ArchiveSection
{
    private static readonly ArchiveSettings Default = new("sqlite", null, null);

    extension(DaemonSettings settings)
    {
        /// <summary>The &lt;archive&gt; block's settings; the defaults when no reader is registered.</summary>
        public ArchiveSettings Archive => settings.Section<ArchiveSettings>(ArchiveSectionReader.Name) ?? Default;
    }
}
