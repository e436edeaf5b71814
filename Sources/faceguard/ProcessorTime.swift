import Glibc

/// Processor time this process has used (every thread, user and system), to report how much of
/// the machine a stage kept busy: processor seconds over wall seconds is 2 when both of two cores
/// worked throughout.
enum ProcessorTime {
  /// Seconds of processor time used so far.
  static func used() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}
