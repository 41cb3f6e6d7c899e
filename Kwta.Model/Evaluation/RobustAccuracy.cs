using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Models;
using Kwta.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Evaluation;

/// <summary>
/// Runs an attack over a set of images in batches and records, per sample, the label, the clean and
/// adversarial predictions and ‖x_adv − x‖∞. A targeted attack (<see cref="ITargetedAttack"/>) runs once
/// per other class of every image, as the reproduction's VGA did.
/// </summary>
public static class RobustAccuracy
{
    public static AttackReport Evaluate(nn.Module<Tensor, Tensor> model, Attack attack, LabeledImages images, int batchSize,
                                        Action<EvaluationProgress>? progress = null)
    {
        AttackArguments.AtLeast(batchSize, 1, nameof(batchSize));
        using var evaluation = new EvalMode(model);
        var outcomes = new List<AttackOutcome>();
        for (int start = 0; start < images.Count; start += batchSize)
        {
            NativeHeap.Release(); // the previous batch's freed buffers
            // Everything a batch creates dies with this scope, so memory stays flat over the set.
            using var scope = NewDisposeScope();
            var (x, y) = images.Range(start, batchSize);
            var clean = Predictions.Of(model, x);
            if (attack is ITargetedAttack targeted)
            {
                for (int offset = 1; offset < LabeledImages.Classes; offset++)
                {
                    var target = (y + offset).remainder(LabeledImages.Classes);
                    Record(outcomes, start, model, x, y, target, clean, targeted.PerturbTowards(model, x, y, target));
                }
            }
            else
            {
                // Each image's randomness comes from its index in the set, so the outcomes do not depend on batchSize.
                Record(outcomes, start, model, x, y, null, clean, attack.Perturb(model, x, y, PerImageGenerators.Range(start, x.shape[0])));
            }
            int done = start + (int)x.shape[0];
            progress?.Invoke(new EvaluationProgress(done, images.Count, outcomes.Count(o => o.Robust) / (double)outcomes.Count));
        }
        return new AttackReport(attack.Name, images.Count, outcomes);
    }

    static void Record(List<AttackOutcome> outcomes, int start, nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor? target,
                       Tensor clean, Tensor xAdv)
    {
        var labels = y.data<long>().ToArray();
        var targets = target?.data<long>().ToArray();
        var cleanPredictions = clean.data<long>().ToArray();
        var adversarialPredictions = Predictions.Of(model, xAdv).data<long>().ToArray();
        var norms = (xAdv - x).abs().flatten(1).amax(1).data<float>().ToArray();
        for (int i = 0; i < labels.Length; i++)
            outcomes.Add(new AttackOutcome(start + i, (int)labels[i], targets is null ? null : (int)targets[i],
                                           (int)cleanPredictions[i], (int)adversarialPredictions[i], norms[i]));
    }
}
