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

# Farrington-flexible. Weekly series (freq 52) long enough for the reference's default five years back, and daily
# series (freq 7) for the day-of-week configuration the streaming job uses.
set.seed(20241106)
nw <- 330
tw <- seq_len(nw)
yearly <- 1 + 0.5 * sin(2 * pi * tw / 52)
weeklySeries <- list(
  flat = rpois(nw, 30),
  trend = rpois(nw, 10 + 0.15 * tw),
  seasonal = rpois(nw, 40 * yearly),
  overdispersed = rnbinom(nw, mu = 25, size = 1.5),
  small_counts = rpois(nw, 1.2),
  zeros_then_counts = c(rep(0, 200), rpois(nw - 200, 4)),
  past_outbreaks = {x <- rpois(nw, 20); for (s in c(60, 115, 170, 225)) x[s:(s + 3)] <- x[s:(s + 3)] + c(30, 60, 45, 20); x},
  outbreak = {x <- rpois(nw, 20 * yearly); x[300:305] <- x[300:305] + c(10, 30, 50, 60, 40, 20); x}
)
dayOfWeek <- c(1.4, 1.2, 1.0, 0.9, 0.7, 0.8, 1.0)
nd <- 150
td <- seq_len(nd)
dailySeries <- list(
  weekday = rpois(nd, 60 * dayOfWeek[(td - 1) %% 7 + 1]),
  weekday_trend = rpois(nd, (20 + 0.4 * td) * dayOfWeek[(td - 1) %% 7 + 1]),
  weekday_overdispersed = rnbinom(nd, mu = 40 * dayOfWeek[(td - 1) %% 7 + 1], size = 4),
  weekday_surge = {x <- rpois(nd, 50 * dayOfWeek[(td - 1) %% 7 + 1]); x[130:136] <- x[130:136] * c(2, 3, 3, 2, 2, 1.5, 1); x}
)
farringtonConfigs <- list(
  default = list(freq = 52, series = weeklySeries, control = list()),
  noufaily = list(freq = 52, series = weeklySeries,
    control = list(noPeriods = 10, pastWeeksNotIncluded = 26, thresholdMethod = "muan")),
  weekday = list(freq = 7, series = dailySeries, control = list(b = 8, w = 0, noPeriods = 7)),
  weekday_nbplugin = list(freq = 7, series = dailySeries,
    control = list(b = 8, w = 0, noPeriods = 7, thresholdMethod = "nbPlugin", alpha = 0.01))
)
rows <- list()
for (config in names(farringtonConfigs)) {
  cfg <- farringtonConfigs[[config]]
  for (name in names(cfg$series)) {
    x <- cfg$series[[name]]
    res <- suppressWarnings(farringtonFlexible(sts(observed = x, freq = cfg$freq), control = cfg$control))
    control <- modifyList(list(b = 5, w = 3), cfg$control)
    range <- (cfg$freq * control$b + control$w + 1):length(x) # the reference's default range
    rows[[length(rows) + 1]] <- data.frame(config = config, series = name, t = range, observed = x[range],
      expected = fmt(as.vector(res@control$expected)), threshold = fmt(as.vector(upperbound(res))),
      alarm = ifelse(is.na(as.vector(alarms(res))), "NA", as.integer(as.vector(alarms(res)))))
  }
}
write.csv(do.call(rbind, rows), file.path(out, "farrington.csv"), row.names = FALSE, quote = FALSE)
farringtonCounts <- do.call(rbind, lapply(names(farringtonConfigs), function(config)
  do.call(rbind, lapply(names(farringtonConfigs[[config]]$series), function(name) {
    x <- farringtonConfigs[[config]]$series[[name]]
    data.frame(config = config, series = name, t = seq_along(x), count = x)
  }))))
write.csv(farringtonCounts, file.path(out, "farrington-series.csv"), row.names = FALSE, quote = FALSE)
cat("wrote", file.path(out, c("farrington.csv", "farrington-series.csv")), "\n")

# GLR detectors (glrnb, change = "intercept", ret = "value") with a given in-control mean mu0 and dispersion
# alpha (alpha = 0: the Poisson GLR), increasing and decreasing, with and without a window M.
set.seed(20241107)
ng <- 100
tg <- seq_len(ng)
mu0 <- list(flat = rep(20, ng), seasonal = 30 * (1 + 0.4 * sin(2 * pi * tg / 7)))
glrSeries <- list(
  flat_nb = list(mu0 = "flat", x = rnbinom(ng, mu = mu0$flat, size = 5)),
  flat_outbreak = list(mu0 = "flat", x = {x <- rnbinom(ng, mu = mu0$flat, size = 5); x[60:70] <- x[60:70] + 25; x}),
  seasonal_outbreak = list(mu0 = "seasonal", x = {x <- rpois(ng, mu0$seasonal); x[40:45] <- 2 * x[40:45]; x}),
  seasonal_collapse = list(mu0 = "seasonal", x = {x <- rpois(ng, mu0$seasonal); x[70:ng] <- rpois(ng - 69, 8); x}),
  small_counts = list(mu0 = "flat", x = rpois(ng, 3) * (tg > 30)),
  zeros = list(mu0 = "flat", x = rep(0, ng))
)
glrConfigs <- list(
  nb_inc = list(alpha = 0.2, dir = "inc", M = -1, c.ARL = 5),
  nb_inc_window = list(alpha = 0.2, dir = "inc", M = 14, c.ARL = 3),
  nb_dec = list(alpha = 0.2, dir = "dec", M = -1, c.ARL = 5),
  poisson_inc = list(alpha = 0, dir = "inc", M = -1, c.ARL = 5),
  poisson_dec_window = list(alpha = 0, dir = "dec", M = 20, c.ARL = 4)
)
rows <- list()
for (config in names(glrConfigs)) {
  for (name in names(glrSeries)) {
    s <- glrSeries[[name]]
    m <- mu0[[s$mu0]]
    if (name == "small_counts") m <- rep(3, ng)
    if (name == "zeros") m <- rep(2, ng)
    cfg <- glrConfigs[[config]]
    res <- suppressMessages(glrnb(sts(observed = s$x), control = c(list(range = tg, mu0 = m, ret = "value"), cfg)))
    rows[[length(rows) + 1]] <- data.frame(config = config, series = name, t = tg, observed = s$x, mu0 = fmt(m),
      value = fmt(as.vector(upperbound(res))), alarm = as.integer(as.vector(alarms(res))))
  }
}
write.csv(do.call(rbind, rows), file.path(out, "glrnb.csv"), row.names = FALSE, quote = FALSE)
cat("wrote", file.path(out, "glrnb.csv"), "\n")
