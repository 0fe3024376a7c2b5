namespace Fathom.Core.Storage;

/// <summary>A backend that can shrink its archive in place (<c>fathom archive compact</c>).</summary>
public interface IArchiveCompaction
{
    /// <summary>
    /// Compacts the archive; returns its size in bytes before and after. Throws
    /// <see cref="ArchiveInUseException"/> (with a message naming the holder) while another process uses it.
    /// </summary>
    (long Before, long After) Compact(ArchiveOptions options);
}
