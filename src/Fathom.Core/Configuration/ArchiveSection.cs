using Fathom.Core.Storage;

namespace Fathom.Core.Configuration;

/// <summary>The &lt;archive&gt; section of loaded settings, read through the <see cref="ArchiveCatalog"/>.</summary>
public static class ArchiveSection
{
    extension(DaemonSettings settings)
    {
        /// <summary>The archive's options as its backend read them; null when no archive catalog is registered.</summary>
        public ArchiveOptions? Archive => settings.Section<ArchiveOptions>(ArchiveCatalog.Block);
    }
}
