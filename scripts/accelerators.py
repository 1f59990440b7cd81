"""Builds public/accelerators.json, the instance list the page's accelerator
picker and `burnrate prices` search: GPU and Inferentia instances on AWS, GCP,
Azure and GPU clouds, with on-demand, spot and 1- and 3-year prices where
published, each with its source and date.

Input: docs/research/accelerators-2026-12-01.json (a sourced compilation:
every price row names the page or data file it came from and its date). The
throughputs are one row per device type, below, each derived from a
benchmark at stated conditions (or labelled an estimate where none was
found), so the same GPU serves the same on every cloud. Deterministic: the
same input gives the same bytes. Run: python3 scripts/accelerators.py
"""

import json
import sys

RESEARCH = "docs/research/accelerators-2026-12-01.json"
OUT = "public/accelerators.json"

TRT_V1 = "TensorRT-LLM v1.0 perf-overview (github.com/NVIDIA/TensorRT-LLM/blob/00f37686aa854010d68bcbd0f4ab000221541ca6/docs/source/performance/perf-overview.md)"
TRT_V017 = "TensorRT-LLM v0.17 perf-overview (github.com/NVIDIA/TensorRT-LLM/blob/258c7540c03517def55d9a5aadfa9288af474e1b/docs/source/performance/perf-overview.md)"
FP8 = "1.40, FP8's decode speed-up over FP16 at batch 8 in TensorRT-LLM's quantization blog"
NEMO = "NeMo's Llama-2-7B batch-1 measurement scaled by memory bandwidth (crates/model/data/README.md)"


def rnd(x):
    return round(x)


# Per device, for a 7B model at fp16 (the catalog's basis): prompt and
# generated tokens per second batched, and one request's decode speed alone.
THROUGHPUT = {
    "H100 SXM 80GB": (
        rnd(55200 * 8 / 7), rnd(22714 * 8 / 7 / 1.40), 130,
        f"Llama-3.1-8B FP8, offline max throughput, one GPU: 22,714 output tokens/s at 128 in / 2,048 out and 55,200 prompt tokens/s at 2,048 / 128; "
        f"times 8/7 for 7B, decode divided by {FP8} ({TRT_V1}); single-stream {NEMO}",
    ),
    "H200 SXM 141GB": (
        rnd(56608 * 8 / 7), rnd(26221 * 8 / 7 / 1.40), rnd(130 * 4.8 / 3.35),
        f"Llama-3.1-8B FP8, offline max throughput, one GPU: 26,221 output tokens/s at 128 / 2,048 and 56,608 prompt tokens/s at 2,048 / 128; "
        f"times 8/7 for 7B, decode divided by {FP8} ({TRT_V1}); single-stream H100's scaled by bandwidth (4.8 / 3.35 TB/s)",
    ),
    # No 8B row for the B200: the H200's 7B figures times the two GPUs' ratio
    # at 70B, each brought to a common precision (decode: FP4 over 2.0,
    # burnrate's 4-bit estimate, FP8 over 1.40; prefill: FP4 over 2, its
    # doubled tensor rate over FP8's). Scaling its own 70B row by 10 instead
    # overstates: done for the H200 it gives 45% more than the H200's 8B row.
    "B200": (
        rnd(rnd(56608 * 8 / 7) * (21424 / 2.0) / 7072), rnd(rnd(26221 * 8 / 7 / 1.40) * (9922 / 2.0) / (4336 / 1.40)), rnd(130 * 8.0 / 3.35),
        f"no 8B row: the H200's 7B figures times the ratio of Llama-3.3-70B offline max throughput on one B200 (FP4: 9,922 output and 21,424 prompt tokens/s) "
        f"to one H200 (FP8: 4,336 and 7,072), decode at FP4 over 2.0 (burnrate's 4-bit estimate) and FP8 over 1.40, prefill at FP4 over 2 ({TRT_V1}); "
        f"an extrapolation, measure yours; single-stream H100's scaled by bandwidth (8 / 3.35 TB/s)",
    ),
    "L40S 48GB": (
        rnd(17064.3 * 8 / 7), rnd(5365.8 * 8 / 7 / 1.40), rnd(85 * 864 / 2039),
        f"Llama-3.1-8B FP8, offline max throughput, one GPU: 5,365.8 output tokens/s at 128 / 2,048 and 17,064 prompt tokens/s at 2,048 / 128; "
        f"times 8/7 for 7B, decode divided by {FP8} ({TRT_V017}); single-stream {NEMO}",
    ),
    "A100 SXM 80GB": (
        rnd(12793.8 * 8 / 7), rnd(5256.0 * 8 / 7), 85,
        f"Llama-3.1-8B FP16, offline max throughput, one GPU: 5,256 output tokens/s at 128 / 2,048 and 12,794 prompt tokens/s at 2,048 / 128; "
        f"times 8/7 for 7B ({TRT_V017}); single-stream {NEMO}",
    ),
    "A10G 24GB": (
        6000, 1200, 25,
        "burnrate's estimate for a vLLM-class server (no benchmark at stated conditions found for the A10G); single-stream " + NEMO,
    ),
    "L4 24GB": (
        6000, 600, 13,
        "burnrate's estimate: the A10G's, decode halved for half its memory bandwidth (300 / 600 GB/s); no benchmark at stated conditions found",
    ),
    "AWS Inferentia2": (
        1916, 82, 34,
        "AWS Neuron benchmark of Llama-3-8B (int8 weights), batch 8 on the 12 chips of an inf2.48xlarge: 71.6 output and 1,676 prompt tokens/s a chip, times 8/7 for 7B "
        "(github.com/aws-neuron/aws-neuron-sdk about-neuron/benchmarks/inf2/, 2024-04-30; latency-tuned, see crates/model/data/README.md)",
    ),
}
# Devices listed under another name, and devices given a close relative's figures.
SAME_AS = {
    "H100 SXM 80GB (Mega)": ("H100 SXM 80GB", ""),
    "H100 NVL 94GB": ("H100 SXM 80GB", "the H100 SXM's figures (the NVL's own not benchmarked); "),
    "A100 PCIe 80GB": ("A100 SXM 80GB", "the A100 SXM's figures (the PCIe card's own not benchmarked); "),
    "A10 24GB (not A10G)": ("A10G 24GB", "the A10G's estimate (a close relative); "),
    "B200 180GB": ("B200", ""),
    "B200 192GB (as listed by Hyperstack)": ("B200", ""),
}

PROVIDER = {
    "AWS": ("", "AWS"),
    "GCP": ("gcp/", "GCP"),
    "Azure": ("azure/", "Azure"),
    "Lambda": ("lambda/", "Lambda"),
    "RunPod (Secure Cloud)": ("runpod-secure/", "RunPod Secure Cloud"),
    "RunPod (Community Cloud)": ("runpod-community/", "RunPod Community Cloud"),
    "Nebius": ("nebius/", "Nebius"),
    "Hyperstack": ("hyperstack/", "Hyperstack"),
}


def slug(text):
    out = "".join(c.lower() if c.isalnum() or c in "._-" else "-" for c in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def device_name(device):
    return device.split(" (")[0].replace("AWS ", "")


def main():
    research = json.load(open(RESEARCH, encoding="utf-8"))
    entries = []
    for row in research["instances"]:
        prefix, cloud = PROVIDER[row["cloud"]]
        base, caveat = SAME_AS.get(row["device"], (row["device"], ""))
        prefill, decode, single, how = THROUGHPUT[base]
        instance = row["instance"].split(" (")[0]
        ident = prefix + (instance if not prefix else slug(instance))
        devices = row["devices"]
        device = device_name(row["device"])
        # A GPU cloud's per-GPU listing ("1x H100 SXM") is its device: name it once.
        if " " in instance and device.split()[0].lower() in instance.lower():
            name = f"{cloud} {devices}x {device}"
        else:
            name = f"{cloud} {instance} ({devices}x {device})"
        where = row["region"]
        dated = row["source_date"] or "undated"
        entry = {
            "id": ident,
            "name": name,
            "usd_per_hour": row["usd_per_hour_on_demand"],
        }
        for key in ["usd_per_hour_spot", "usd_per_hour_1y", "usd_per_hour_3y"]:
            if row[key] is not None:
                entry[key] = row[key]
        entry.update({
            "devices": devices,
            "memory_gb_per_device": row["memory_gb_per_device"],
            "prefill_tokens_per_s_7b": prefill,
            "decode_tokens_per_s_7b": decode,
            "single_stream_decode_tokens_per_s_7b": single,
            "source": f"Prices: {row['source']} ({dated}; {where}). Throughput: {caveat}{how}",
        })
        entries.append(entry)
    # Cheapest a device-hour first (the picker lists them in this order), then by id.
    entries.sort(key=lambda e: (e["usd_per_hour"] / e["devices"], e["id"]))
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        sys.exit(f"repeated ids: {sorted(i for i in ids if ids.count(i) > 1)}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(f'  "as_of": {json.dumps(research["researched_on"])},\n')
        f.write('  "note": ' + json.dumps(
            "GPU and Inferentia instances across clouds (scripts/accelerators.py from "
            f"{RESEARCH}): on-demand prices an hour, with spot and 1- and 3-year committed "
            "prices where the source publishes them; each entry's source gives its date and "
            "region. Throughputs are per device for a 7B model at fp16 (the catalog's basis), "
            "one figure per device type on every cloud, from the benchmark its source names.") + ",\n")
        f.write('  "accelerators": [\n')
        f.write(",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries))
        f.write("\n  ]\n}\n")
    print(f"{OUT}: {len(entries)} instances")


main()
