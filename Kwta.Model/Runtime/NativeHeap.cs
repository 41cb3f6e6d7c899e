using System.Runtime.InteropServices;

namespace Kwta.Model.Runtime;

/// <summary>
/// When glibc's malloc gives the memory libtorch frees back to the operating system. Two settings, both about the
/// same trade of resident memory against page faults:
/// <list type="bullet">
/// <item><see cref="KeepFreedBuffers"/>, once at start-up: within a batch, freed tensor buffers stay in the heap for
/// the next step. With glibc's adaptive thresholds the heap went back to the kernel many times per PGD step, and the
/// next step took it back page by page, zeroed: 1.2 million page faults for PGD-40 on a batch of 128 on resnet18-w16,
/// against PyTorch's 0.25 million and 0.13 million with the thresholds fixed, which made PGD 16% faster
/// (docs/attacks.md, "Throughput").</item>
/// <item><see cref="Release"/>, once per batch by the long loops (training, attack evaluation): freed buffers go back to
/// the kernel between batches. glibc keeps them in its arenas otherwise, so an attack over 1000 images grew from 154 MB
/// to 958 MB of resident memory although no tensor stayed alive (measured).</item>
/// </list>
/// Neither changes a number. On a C library other than glibc (e.g. musl) both do nothing.
/// </summary>
public static partial class NativeHeap
{
    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);

    /// <summary>mallopt's parameters M_TRIM_THRESHOLD and M_MMAP_THRESHOLD (glibc's malloc.h).</summary>
    const int TrimThreshold = -1, MmapThreshold = -3;

    /// <summary>The largest M_MMAP_THRESHOLD glibc accepts on 64-bit, and where its adaptive threshold stops: blocks
    /// below it (every activation of resnet18-w16 at batch 128, 8 MB at most) come from the heap and are reused.</summary>
    const int LargestMmapThreshold = 32 << 20;

    static bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>Fixes glibc's thresholds: blocks up to <see cref="LargestMmapThreshold"/> from the heap, and no automatic
    /// trimming of it, so memory goes back only through <see cref="Release"/>. Call once, before the work starts.</summary>
    public static void KeepFreedBuffers() => Call(() =>
    {
        MallOpt(MmapThreshold, LargestMmapThreshold);
        MallOpt(TrimThreshold, int.MaxValue);
    });

    /// <summary>Hands the heap's free memory back to the kernel.</summary>
    public static void Release() => Call(() => MallocTrim(0));

    static void Call(Action glibc)
    {
        if (unavailable) return;
        try
        {
            glibc();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true; // not glibc: its heap is not ours to tune
        }
    }
}
