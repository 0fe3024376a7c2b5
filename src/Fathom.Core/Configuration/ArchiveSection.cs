using Fathom.Core.Storage;
using Fathom.Core.Storage.Delivery;

namespace Fathom.Core.Configuration;

/// <summary>The &lt;archive&gt; section of loaded settings, read through the <see cref="ArchiveCatalog"/>.</summary>
public static class ArchiveSection
{
    extension(DaemonSettings settings)
    {
        /// <summary>Every archive target, in file order; null when no archive catalog is registered.</summary>
        public ArchiveTargets? Archives => settings.Section<ArchiveTargets>(ArchiveCatalog.Block);

        /// <summary>The first target's options (what the API and the CLI read); null when no archive catalog is registered.</summary>
        public ArchiveOptions? Archive => settings.Archives?.Primary.Backend;
    }
}
