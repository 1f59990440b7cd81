//! Provisioned capacity sized as the vendors size it, against their own
//! published worked examples (outside references) and by hand.

use burnrate_model::provisioned::{Load, Offers};

fn load(rpm: f64, input: f64, output: f64, cached_share: f64) -> Load {
    Load {
        requests_per_minute: rpm,
        input_tokens: input,
        output_tokens: output,
        cached_share,
        audio_input_tokens: 0.0,
    }
}

/// Microsoft's example (provisioned-throughput-sizing, ms.date 2026-05-22):
/// gpt-5.2 on a Data Zone deployment, 1,000 requests a minute of 200 input
/// and 20 output tokens: 200,000 + 8 × 20,000 = 360,000 normalised tokens a
/// minute ÷ 3,400 a PTU = 105.88, rounded up to the increment of 5: 110
/// PTU. Half the input cached: 100,000 + 160,000 = 260,000 ÷ 3,400 =
/// 76.47: 80 PTU.
#[test]
fn azure_s_worked_example_gives_110_and_80_ptu() {
    let offers = Offers::shipped();
    let s = offers
        .size(
            "azure-ptu-data-zone",
            "openai/gpt-5.2",
            &load(1_000.0, 200.0, 20.0, 0.0),
        )
        .unwrap();
    assert_eq!(s.weighted_tokens, 360_000.0);
    assert!((s.exact_units - 360_000.0 / 3_400.0).abs() < 1e-12);
    assert_eq!(s.units, 110.0);
    let s = offers
        .size(
            "azure-ptu-data-zone",
            "openai/gpt-5.2",
            &load(1_000.0, 200.0, 20.0, 0.5),
        )
        .unwrap();
    assert_eq!(s.weighted_tokens, 260_000.0);
    assert_eq!(s.units, 80.0);
    // 80 PTU on a Data Zone deployment: $1.10 an hour × 730 = $64,240 a
    // month; reserved, $260 a month each ($20,800) or $2,652 a year each
    // ($17,680 a month).
    let monthly: Vec<f64> = s.monthly_usd.iter().map(|t| t.usd).collect();
    assert_eq!(monthly, [64_240.0, 20_800.0, 17_680.0]);
}

/// Google's example (measure-provisioned-throughput): gemini-2.0-flash, 10
/// queries a second of 1,000 input text, 500 input audio (× 7) and 300
/// output (× 4) tokens: 5,700 a query, 57,000 a second ÷ 3,360 a GSU =
/// 16.96: 17 GSU.
#[test]
fn google_s_worked_example_gives_17_gsu() {
    let mut l = load(600.0, 1_000.0, 300.0, 0.0);
    l.audio_input_tokens = 500.0;
    let s = Offers::shipped()
        .size("vertex-gsu-global", "google/gemini-2.0-flash", &l)
        .unwrap();
    assert!((s.weighted_tokens - 57_000.0).abs() < 1e-9);
    assert_eq!(s.units, 17.0);
    // A month at $2,700 a GSU: $45,900.
    assert_eq!(s.monthly_usd[1].usd, 45_900.0);
}

/// The minimum holds below it (30 requests a minute of 800 in and 150 out
/// on gpt-4o-mini, weight 4: 42,000 ÷ 37,000 = 1.14 PTU, but Global's
/// minimum is 15), a Regional deployment rounds to its own increment (50),
/// and cached input weighs what the offer says (Gemini 2.5 Pro: 0.1).
#[test]
fn minimums_increments_and_cached_weights_by_hand() {
    let offers = Offers::shipped();
    let s = offers
        .size(
            "azure-ptu-global",
            "openai/gpt-4o-mini",
            &load(30.0, 800.0, 150.0, 0.0),
        )
        .unwrap();
    assert!((s.exact_units - 42_000.0 / 37_000.0).abs() < 1e-12);
    assert_eq!(s.units, 15.0);
    let s = offers
        .size(
            "azure-ptu-regional",
            "openai/gpt-5.2",
            &load(1_000.0, 200.0, 20.0, 0.0),
        )
        .unwrap();
    assert_eq!(s.units, 150.0);
    // 60 requests a minute = 1 a second of 10,000 input (40% cached) and
    // 1,000 output: 6,000 + 4,000 × 0.1 + 8 × 1,000 = 14,400 ÷ 540 = 26.67.
    let s = offers
        .size(
            "vertex-gsu-global",
            "google/gemini-2.5-pro",
            &load(60.0, 10_000.0, 1_000.0, 0.4),
        )
        .unwrap();
    assert!((s.weighted_tokens - 14_400.0).abs() < 1e-9);
    assert_eq!(s.units, 27.0);
}

#[test]
fn what_cannot_be_sized_is_said_in_words() {
    let offers = Offers::shipped();
    let e = offers
        .size("aws-mu", "openai/gpt-5.2", &load(1.0, 1.0, 1.0, 0.0))
        .unwrap_err();
    assert!(
        e.starts_with("no offer aws-mu: one of azure-ptu-global"),
        "{e}"
    );
    let e = offers
        .size(
            "azure-ptu-global",
            "google/gemini-2.5-pro",
            &load(1.0, 1.0, 1.0, 0.0),
        )
        .unwrap_err();
    assert!(e.contains("serves no google/gemini-2.5-pro"), "{e}");
    let e = offers
        .size(
            "azure-ptu-global",
            "openai/gpt-5.2",
            &load(1.0, 1.0, 1.0, 1.5),
        )
        .unwrap_err();
    assert!(e.contains("cached share must be between 0 and 1"), "{e}");
    let e = offers
        .size(
            "azure-ptu-global",
            "openai/gpt-5.2",
            &load(f64::NAN, 1.0, 1.0, 0.0),
        )
        .unwrap_err();
    assert!(e.contains("requests a minute must be between"), "{e}");
    let mut l = load(1.0, 1.0, 1.0, 0.0);
    l.audio_input_tokens = 10.0;
    let e = offers
        .size("azure-ptu-global", "openai/gpt-5.2", &l)
        .unwrap_err();
    assert!(e.contains("no weight for audio input"), "{e}");
}

/// The minute-level method against a direct simulation of minutes: for
/// several hours' counts around capacity, 200,000 minutes each, a minute's
/// calls drawn as the hour's calls falling in it (binomial, 1/60);
/// the mean spill and the share of minutes over capacity agree within four
/// standard errors.
#[test]
fn minute_overflow_matches_a_direct_minute_simulation() {
    use burnrate_model::provisioned::minute_overflow;
    use burnrate_model::rng::{name_hash, stream};
    use rand_distr::{Binomial, Distribution};
    let mut rng = stream(1, 0, name_hash("minutes"));
    for (mean, capacity) in [
        (5.0, 5.0),
        (50.0, 55.0),
        (400.0, 380.5),
        (12.0, 20.0),
        (2.0, 0.0),
    ] {
        let m = minute_overflow(mean * 60.0, capacity);
        let n = 200_000;
        let minute = Binomial::new((mean * 60.0) as u64, 1.0 / 60.0).unwrap();
        let k = f64::floor(capacity);
        let (mut sum, mut sum2, mut over) = (0.0, 0.0, 0.0);
        for _ in 0..n {
            let arrivals = minute.sample(&mut rng) as f64;
            let spilled = (arrivals - k).max(0.0);
            sum += spilled;
            sum2 += spilled * spilled;
            over += f64::from(u8::from(arrivals > k));
        }
        let nf = f64::from(n);
        let mean_spill = sum / nf;
        let se = ((sum2 / nf - mean_spill * mean_spill) / nf).sqrt();
        assert!(
            (mean_spill - m.spilled_per_minute).abs() <= 4.0 * se + 1e-12,
            "mean {mean}, capacity {capacity}: simulated {mean_spill} ± {se}, method {}",
            m.spilled_per_minute
        );
        let p = over / nf;
        let se_p = (p * (1.0 - p) / nf).sqrt();
        assert!(
            (p - m.p_minute_over).abs() <= 4.0 * se_p + 1e-12,
            "mean {mean}, capacity {capacity}: simulated P {p} ± {se_p}, method {}",
            m.p_minute_over
        );
    }
}
