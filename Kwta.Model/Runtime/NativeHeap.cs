using System.Runtime.InteropServices;

namespace Kwta.Model.Runtime;

/// <summary>
/// Hands memory that libtorch has freed back to the operating system. glibc keeps freed tensor
/// buffers in its arenas, so without this an attack over 1000 images grew from 154 MB to 958 MB of
/// resident memory although no tensor stayed alive (measured; with MALLOC_MMAP_THRESHOLD_ set it stayed
/// at ~200 MB). Called once per batch by the long loops (training, attack evaluation).
/// </summary>
public static partial class NativeHeap
{
    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    static bool unavailable = !OperatingSystem.IsLinux();

    public static void Release()
    {
        if (unavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true; // not glibc (e.g. musl): nothing to trim
        }
    }
}
