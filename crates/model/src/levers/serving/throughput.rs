//! What one instance processes per second. Catalog throughputs are for a 7B
//! model at fp16; they scale inversely with model size. Quantization shrinks
//! the weights (seed 003: "50% or more") so a model fits a smaller device, and
//! speeds up decoding, which is bound by memory bandwidth: its factors are
//! catalog data (`QuantizationFactors`, each with its measurement). Attention makes long
//! prompts cost more than linearly (seed 000), so RAG contexts cut throughput.

use super::SelfHosted;
use crate::catalog::{Accelerator, QuantizationFactors};
use crate::error::ModelError;

/// Memory for KV cache and activations on top of the weights.
const MEMORY_OVERHEAD: f64 = 1.2;

/// An instance's aggregate throughput for one model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Throughput {
    pub prefill_tokens_per_s: f64,
    pub decode_tokens_per_s: f64,
    pub attention_knee_tokens: f64,
    /// One request alone on one device: prefill (compute-bound at any batch,
    /// so the device's batched rate) and decode at batch 1.
    pub single_prefill_tokens_per_s: f64,
    pub single_decode_tokens_per_s: f64,
}

impl Throughput {
    /// Fails when the model's weights do not fit in the instance's memory.
    /// `q`: the catalog's factors for the host's quantization.
    pub fn new(
        acc: &Accelerator,
        host: &SelfHosted,
        q: &QuantizationFactors,
        field: &str,
    ) -> Result<Throughput, ModelError> {
        let need_gb = host.model_params_b * q.bytes_per_param * MEMORY_OVERHEAD;
        let have_gb = f64::from(acc.devices) * acc.memory_gb_per_device;
        if need_gb > have_gb {
            return Err(ModelError::Invalid {
                field: field.to_owned(),
                message: format!(
                    "a {}B model at {:?} needs about {need_gb:.0} GB but {} has {have_gb:.0} GB: pick a larger instance or quantize",
                    host.model_params_b, host.quantization, acc.id
                ),
            });
        }
        let size = 7.0 / host.model_params_b;
        let devices = f64::from(acc.devices);
        let (decode, single) = (q.batched_decode_speedup, q.single_stream_decode_speedup);
        let per_device_decode = acc.decode_tokens_per_s_7b * size * decode;
        Ok(Throughput {
            prefill_tokens_per_s: acc.prefill_tokens_per_s_7b * size * devices,
            decode_tokens_per_s: per_device_decode * devices,
            attention_knee_tokens: host.attention_knee_tokens,
            single_prefill_tokens_per_s: acc.prefill_tokens_per_s_7b * size,
            single_decode_tokens_per_s: acc
                .single_stream_decode_tokens_per_s_7b
                .map_or(per_device_decode * devices, |s| s * size * single),
        })
    }

    /// Instance-seconds to process `calls` calls of `input_tokens_per_call`
    /// prompt tokens each and `output_tokens` generated tokens in all. The
    /// per-token prefill cost at position n is 1 + n/knee, so a prompt of n
    /// tokens costs n·(1 + n/(2·knee)).
    pub fn busy_seconds(&self, calls: f64, input_tokens_per_call: f64, output_tokens: f64) -> f64 {
        let n = input_tokens_per_call;
        let prefill =
            calls * n * (1.0 + n / (2.0 * self.attention_knee_tokens)) / self.prefill_tokens_per_s;
        prefill + output_tokens / self.decode_tokens_per_s
    }

    /// The same calls' latencies added up: each alone on one device, at
    /// single-stream speed (the time each request holds the instance).
    pub fn latency_seconds(
        &self,
        calls: f64,
        input_tokens_per_call: f64,
        output_tokens: f64,
    ) -> f64 {
        let n = input_tokens_per_call;
        let prefill = calls * n * (1.0 + n / (2.0 * self.attention_knee_tokens))
            / self.single_prefill_tokens_per_s;
        prefill + output_tokens / self.single_decode_tokens_per_s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::scenario::{Quantization, Serving};

    /// The shipped `accelerator`'s throughput for a `params_b` model at `q`
    /// (idle-gpu's fleet settings otherwise).
    fn on(accelerator: &str, params_b: f64, q: Quantization) -> Throughput {
        let catalog = Catalog::shipped();
        let acc = catalog.accelerator("", accelerator).unwrap();
        let Serving::SelfHosted(mut host) =
            crate::presets::idle_gpu().architectures[0].serving.clone()
        else {
            unreachable!()
        };
        host.model_params_b = params_b;
        host.quantization = q;
        let factors = catalog.quantization("", q.key()).unwrap();
        Throughput::new(acc, &host, factors, "f").unwrap()
    }

    /// A 14B model at int8 on a g5.12xlarge (4 A10G): tokens per second per
    /// device for 7B at fp16 from the catalog, halved for twice the
    /// parameters, times TensorRT-LLM's int8 speed-ups: 1.32 batched,
    /// 1.47 alone.
    #[test]
    fn int8_decodes_at_the_measured_speed_ups() {
        let t = on("g5.12xlarge", 14.0, Quantization::Int8);
        // g5.12xlarge: 1,200 decode and 25 single-stream tokens/s per device (7B, fp16).
        assert!((t.decode_tokens_per_s - 1_200.0 * 0.5 * 1.32 * 4.0).abs() < 1e-9);
        assert!((t.single_decode_tokens_per_s - 25.0 * 0.5 * 1.47).abs() < 1e-12);
        assert!((t.prefill_tokens_per_s - 6_000.0 * 0.5 * 4.0).abs() < 1e-9);
    }

    /// An 8B model at fp16 on one Inferentia2 chip gives back the Neuron
    /// benchmark's own figures at 8B: 859.09 output tokens/s over 12 chips
    /// (71.6 a chip) and 2,048 prompt tokens in 101.81 ms over 12 chips.
    #[test]
    fn inferentia_reproduces_the_neuron_benchmark_at_8b() {
        let t = on("inf2.xlarge", 8.0, Quantization::Fp16);
        let decode = 859.09 / 12.0;
        let prefill = 2_048.0 / 0.10181 / 12.0;
        // The catalog rounds to whole tokens per second at 7B.
        assert!((t.decode_tokens_per_s / decode - 1.0).abs() < 0.01, "{t:?}");
        assert!(
            (t.prefill_tokens_per_s / prefill - 1.0).abs() < 0.01,
            "{t:?}"
        );
    }

    /// A 14B model at int4 on a g5.12xlarge: AWQ's measured 2.2x for one
    /// request alone (27.14 to 12.44 ms a token), burnrate's 2.0x batched,
    /// half a byte a parameter (14 x 0.5 x 1.2 = 8.4 GB of the 96).
    #[test]
    fn int4_decodes_at_its_catalog_factors() {
        let q = Catalog::shipped().quantization("", "int4").unwrap().clone();
        assert_eq!(
            (q.bytes_per_param, q.single_stream_decode_speedup),
            (0.5, 2.2)
        );
        let t = on("g5.12xlarge", 14.0, Quantization::Int4);
        assert!((t.single_decode_tokens_per_s - 25.0 * 0.5 * 2.2).abs() < 1e-12);
        assert!((t.decode_tokens_per_s - 1_200.0 * 0.5 * 2.0 * 4.0).abs() < 1e-9);
    }

    /// The factors are data: a scenario's own int8 entry replaces the
    /// shipped one (an int8 that decodes no faster than fp16 costs the
    /// fp16 fleet), and a factor out of its bounds is refused at its field.
    #[test]
    fn a_scenario_can_set_its_own_factors() {
        use crate::catalog::QuantizationFactors;
        let mut s = crate::presets::idle_gpu();
        s.trials = 500;
        let cost = |s: &crate::Scenario| {
            crate::simulate(s).unwrap().architectures[1]
                .monthly_usd
                .mean
        };
        let fp16 = cost(&s);
        for a in &mut s.architectures {
            if let Serving::SelfHosted(h) = &mut a.serving {
                h.quantization = Quantization::Int8;
            }
        }
        let int8 = cost(&s);
        assert!(int8 < fp16, "{int8} {fp16}");
        s.catalog.quantization.push(QuantizationFactors {
            id: "int8".into(),
            bytes_per_param: 1.0,
            batched_decode_speedup: 1.0,
            single_stream_decode_speedup: 1.0,
            source: "mine".into(),
        });
        assert_eq!(cost(&s), fp16);
        s.catalog.quantization[0].bytes_per_param = 0.0;
        let e = crate::Prepared::new(&s).unwrap_err();
        assert_eq!(e.field(), "catalog.quantization[0].bytes_per_param");
    }
}
