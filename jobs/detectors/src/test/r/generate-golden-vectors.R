#!/usr/bin/env Rscript
# Golden vectors for flowwatch's detectors, from the reference implementation: R package surveillance (Debian
# r-cran-surveillance, 1.20.3). Run from jobs/detectors:  Rscript src/test/r/generate-golden-vectors.R
# Writes src/test/resources/golden/*.csv; the Java tests read those files, so R is not needed to run them.
suppressPackageStartupMessages(library(surveillance))
set.seed(20241105)
n <- 120
t <- seq_len(n)
weekly <- c(1.3, 1.2, 1.0, 0.9, 0.75, 0.9, 0.95)
series <- list(
  flat = rep(10, n),
  trend = rpois(n, 20 + 0.3 * t),
  weekly = rpois(n, 40 * weekly[(t - 1) %% 7 + 1]),
  overdispersed = rnbinom(n, mu = 30, size = 2),
  small_counts = rpois(n, 0.7),
  zeros_then_counts = c(rep(0, 40), rpois(n - 40, 5)),
  outbreak = {x <- rpois(n, 25); x[90:96] <- x[90:96] + c(10, 25, 40, 60, 60, 40, 20); x},
  collapse = {x <- rpois(n, 50); x[80:n] <- rpois(n - 79, 8); x}
)
out <- file.path("src", "test", "resources", "golden")
dir.create(out, recursive = TRUE, showWarnings = FALSE)

fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))

rows <- list()
for (name in names(series)) {
  x <- series[[name]]
  for (method in c("C1", "C2", "C3")) {
    res <- earsC(sts(observed = x), control = list(method = method))
    range <- res@control$range
    rows[[length(rows) + 1]] <- data.frame(series = name, method = method, t = range,
      observed = x[range], threshold = fmt(as.vector(upperbound(res))),
      alarm = ifelse(is.na(as.vector(alarms(res))), "NA", as.integer(as.vector(alarms(res)))))
  }
}
write.csv(do.call(rbind, rows), file.path(out, "ears.csv"), row.names = FALSE, quote = FALSE)

counts <- do.call(rbind, lapply(names(series), function(name)
  data.frame(series = name, t = seq_along(series[[name]]), count = series[[name]])))
write.csv(counts, file.path(out, "series.csv"), row.names = FALSE, quote = FALSE)

p <- c(1e-12, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.2, 0.5, 0.8, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6)
write.csv(data.frame(p = fmt(p), q = fmt(qnorm(p))), file.path(out, "qnorm.csv"),
  row.names = FALSE, quote = FALSE)
cat("wrote", file.path(out, c("ears.csv", "series.csv", "qnorm.csv")), "\n")
