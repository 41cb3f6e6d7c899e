using TorchSharp;

namespace Kwta.Model.Activations;

/// <summary>Runs a per-row C# pass on one contiguous block of rows per libtorch thread, so the fast
/// kernel uses the same thread budget as the libtorch ops around it (<c>torch.set_num_threads</c>).</summary>
internal static class RowBlocks
{
    /// <summary>Below this many elements per block, starting a thread costs more than it saves.</summary>
    const long MinElementsPerBlock = 32 * 1024;

    public static void For(int rows, int units, Action<int, int> body)
    {
        long byWork = Math.Max(1, (long)rows * units / MinElementsPerBlock);
        int blocks = (int)Math.Min(Math.Min(torch.get_num_threads(), byWork), rows);
        if (blocks <= 1)
        {
            body(0, rows);
            return;
        }
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = blocks },
                     b => body((int)((long)rows * b / blocks), (int)((long)rows * (b + 1) / blocks)));
    }
}
