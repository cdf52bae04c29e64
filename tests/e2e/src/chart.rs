//! `make load`'s chart: what was offered, what waited and how long answers took, second by second, as an
//! SVG beside the printed table (plotters' SVG backend, which writes text as SVG text: no font needed).

use std::path::Path;

use plotters::prelude::*;

/// One second of a load run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Second {
    /// Photos posted in this second.
    pub offered: usize,
    /// Jobs on the queue at its end, waiting or in flight.
    pub queued: u64,
    /// Photos answered in this second.
    pub answered: usize,
}

/// Draws `seconds` (one entry per second from the start) and `latencies` (when each answer came, and how
/// long after its photo, both in seconds) into an SVG at `path`.
pub fn draw(path: &Path, title: &str, seconds: &[Second], latencies: &[(f64, f64)]) -> anyhow::Result<()> {
    let length = seconds.len().max(1) as f64;
    let counts = seconds.iter().flat_map(|s| [s.offered as f64, s.queued as f64, s.answered as f64]);
    let top = counts.fold(1.0, f64::max) * 1.1;
    let slowest = latencies.iter().map(|(_, latency)| *latency).fold(0.1, f64::max) * 1.1;
    let root = SVGBackend::new(path, (960, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .right_y_label_area_size(52)
        .build_cartesian_2d(0.0..length, 0.0..top)?
        .set_secondary_coord(0.0..length, 0.0..slowest);
    chart.configure_mesh().x_desc("seconds from the first photo").y_desc("photos").draw()?;
    chart.configure_secondary_axes().y_desc("end-to-end latency (s)").draw()?;
    let series = |value: fn(&Second) -> f64| {
        seconds.iter().enumerate().map(move |(i, s)| (i as f64 + 1.0, value(s))).collect::<Vec<_>>()
    };
    for (name, colour, points) in [
        ("offered (photos/s)", BLUE, series(|s| s.offered as f64)),
        ("answered (photos/s)", GREEN, series(|s| s.answered as f64)),
        ("queue depth (jobs)", RED, series(|s| s.queued as f64)),
    ] {
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(2)))?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2)));
    }
    chart
        .draw_secondary_series(
            latencies.iter().map(|&(at, latency)| Circle::new((at, latency), 2, BLACK.filled())),
        )?
        .label("latency of each answer (s, right)")
        .legend(|(x, y)| Circle::new((x + 9, y), 3, BLACK.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_names_its_series_and_draws_every_answer() {
        let path = std::env::temp_dir().join(format!("load-chart-{}.svg", std::process::id()));
        let seconds =
            [Second { offered: 10, queued: 4, answered: 6 }, Second { offered: 10, queued: 2, answered: 12 }];
        draw(&path, "10 photos/s", &seconds, &[(0.8, 0.5), (1.5, 0.7), (1.9, 1.25)]).expect("draws");
        let svg = std::fs::read_to_string(&path).expect("written");
        for text in ["10 photos/s", "offered (photos/s)", "queue depth (jobs)", "end-to-end latency (s)"] {
            assert!(svg.contains(text), "{text} missing");
        }
        assert!(svg.matches("<circle").count() >= 3, "a point per answer");
        std::fs::remove_file(path).expect("cleaned up");
    }
}
