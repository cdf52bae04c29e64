//! The threads that call libtorch: a fixed set for the life of the worker, each with its own OpenMP team.
//!
//! libtorch runs a forward pass on an OpenMP team that belongs to the calling thread. Called from tokio's
//! blocking pool, which starts threads as it needs them and keeps idle ones for ten seconds, the worker
//! gathered a team on every blocking thread that had run a batch. Once the process held more OpenMP threads
//! than CPUs, libgomp stopped spin-waiting between parallel regions, and every forward pass in the process
//! took about twice as long until those threads ended (docs/capacity.md). So the worker's forward passes
//! run here, on as many threads as it has batch loops, whose libtorch threads together fit the CPUs.

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    sync::{Arc, Mutex, mpsc},
};

type Task = Box<dyn FnOnce() + Send>;

/// A fixed set of threads that run what is given to them, one task at a time each. They end when the last
/// clone is dropped.
#[derive(Clone, Debug)]
pub struct Inference {
    tasks: mpsc::Sender<Task>,
}

impl Inference {
    /// `threads` threads (at least one), each giving libtorch `libtorch_threads` of its own for a forward
    /// pass ([`libtorch_threads_per_loop`]).
    ///
    /// # Panics
    /// If the operating system cannot start a thread.
    pub fn new(threads: usize, libtorch_threads: i32) -> Self {
        let (tasks, receiver) = mpsc::channel::<Task>();
        let receiver = Arc::new(Mutex::new(receiver));
        for i in 0..threads.max(1) {
            let receiver = receiver.clone();
            std::thread::Builder::new()
                .name(format!("inference-{i}"))
                .spawn(move || {
                    tch::set_num_threads(libtorch_threads.max(1));
                    // The lock is held only while waiting for a task, never while one runs.
                    while let Ok(task) =
                        receiver.lock().map_err(drop).and_then(|tasks| tasks.recv().map_err(drop))
                    {
                        task();
                    }
                })
                .expect("the operating system starts a thread");
        }
        Self { tasks }
    }

    /// Runs `f` on one of the threads and waits for it; a panic in `f` comes back as the error, as
    /// [`std::thread::JoinHandle::join`] gives it, and the thread goes on.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> std::thread::Result<T> {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        let task: Task = Box::new(move || drop(sender.send(catch_unwind(AssertUnwindSafe(f)))));
        self.tasks.send(task).expect("the threads live as long as a sender does");
        receiver.await.expect("a task always answers: its panic is caught")
    }
}

/// libtorch's threads for each of `loops` batch loops: `asked` where given, else the CPUs shared out among
/// the loops (at least one each), so that all loops' threads together are no more than the CPUs.
pub fn libtorch_threads_per_loop(asked: Option<u16>, loops: usize) -> i32 {
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = asked.map_or_else(|| (cpus / loops.max(1)).max(1), usize::from);
    i32::try_from(threads).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::{Inference, libtorch_threads_per_loop};

    #[tokio::test]
    async fn a_task_runs_on_the_fixed_threads_and_a_panic_comes_back_as_an_error() {
        let inference = Inference::new(2, 1);
        let name = inference.run(|| std::thread::current().name().map(str::to_owned)).await.expect("runs");
        assert!(name.is_some_and(|name| name.starts_with("inference-")));
        assert!(inference.run(|| panic!("a bad batch")).await.is_err());
        // The thread that caught the panic still takes tasks: both threads answer four more.
        for i in 0..4 {
            assert_eq!(inference.run(move || i * 2).await.expect("runs"), i * 2);
        }
        assert_eq!(
            inference.run(tch::get_num_threads).await.expect("runs"),
            1,
            "libtorch's threads as asked"
        );
    }

    #[test]
    fn the_loops_share_the_cpus_unless_a_count_is_asked_for() {
        let cpus =
            i32::try_from(std::thread::available_parallelism().map_or(1, std::num::NonZero::get)).unwrap();
        assert_eq!(libtorch_threads_per_loop(None, 1), cpus);
        assert_eq!(libtorch_threads_per_loop(None, 2), (cpus / 2).max(1));
        assert_eq!(libtorch_threads_per_loop(None, 1000), 1, "at least one each");
        assert_eq!(libtorch_threads_per_loop(Some(3), 2), 3);
    }
}
