//! Benchmark support: the best-known costs a folder's `REFERENCE_COSTS.txt` gives.

/// Best-known costs from a `REFERENCE_COSTS.txt`: for each instance line
/// (`instance name lectures cost…`, recognised by a number in the third
/// column), the smallest of the (up to four) numeric cost columns after
/// the lecture count; `-` marks a missing value.
pub fn reference_costs(text: &str) -> Vec<(String, usize)> {
    let mut v = Vec::new();
    for line in text.lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        if t.len() < 4 || t[2].parse::<usize>().is_err() {
            continue;
        }
        if let Some(best) = t[3..].iter().take(4).filter_map(|x| x.parse::<usize>().ok()).min() {
            v.push((t[0].to_string(), best));
        }
    }
    v
}
