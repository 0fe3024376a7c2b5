using Fathom.Core.Configuration;

namespace Fathom.Pcp.Mmv;

/// <summary>The &lt;mmv&gt; section of loaded settings, read by <see cref="MmvSectionReader"/>.</summary>
public static class MmvSection
{
    extension(DaemonSettings settings)
    {
        /// <summary>The &lt;mmv&gt; block's settings; the defaults when no reader is registered.</summary>
        public MmvSettings Mmv => settings.Section<MmvSettings>(MmvSectionReader.Name) ?? MmvSettings.Default;
    }
}
