namespace Kwta.Model.Attacks;

/// <summary>
/// How many finite-difference samples (model evaluations, in antithetic pairs) each iteration uses:
/// a list of (first iteration, samples) stages. Tramèr et al.: 100 for iterations 0–19, 1000 for 20–39, 20 000 after.
/// </summary>
public sealed class SampleSchedule
{
    public static readonly SampleSchedule Tramer = new((0, 100), (20, 1000), (40, 20_000));

    readonly (int FromIteration, int Samples)[] stages;

    public SampleSchedule(params (int FromIteration, int Samples)[] stages)
    {
        if (stages.Length == 0 || stages[0].FromIteration != 0)
            throw new ArgumentException("the first stage must start at iteration 0.", nameof(stages));
        for (int i = 0; i < stages.Length; i++)
        {
            if (stages[i].Samples < 2)
                throw new ArgumentException($"stage {i} has {stages[i].Samples} samples; antithetic pairs need ≥ 2.", nameof(stages));
            if (i > 0 && stages[i].FromIteration <= stages[i - 1].FromIteration)
                throw new ArgumentException("stages must start at increasing iterations.", nameof(stages));
        }
        this.stages = stages;
    }

    public int SamplesAt(int iteration) => stages.Last(s => s.FromIteration <= iteration).Samples;

    public override string ToString() => string.Join(", ", stages.Select(s => $"{s.Samples} from iteration {s.FromIteration}"));
}
