# R reference detectors for bench/anomalies-accuracy.ts: surveillance::earsC (C3) and
# surveillance::farringtonFlexible, run on the same series as the TypeScript methods.
#   Rscript bench/anomalies-reference.R <jobs.json> <out.json>
# jobs.json: [{ id, values, frequency, farrington: { b, w, noPeriods, pastWeeksNotIncluded } }]
# out.json:  { surveillance, results: [{ id, earsC3: { firstIndex, alarm }, farrington: { firstIndex, alarm } }] }
# Indices are 0-based; alarm NA (R: upperbound not computed) is written as false; failedPeriods counts
# periods where farringtonFlexible stopped with an error (written as no alarm).
suppressMessages({ library(surveillance); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
jobs <- fromJSON(args[1], simplifyDataFrame = FALSE)

as_sts <- function(x, freq) sts(observed = matrix(x, ncol = 1), frequency = freq, start = c(2001, 1))
alarm_vector <- function(res, n) {
  a <- as.vector(alarms(res))
  a[is.na(a)] <- FALSE
  list(firstIndex = n - length(a), alarm = a, failedPeriods = 0)
}

results <- lapply(jobs, function(job) {
  x <- as.numeric(unlist(job$values))
  n <- length(x)
  s <- as_sts(x, job$frequency)
  c3 <- earsC(s, control = list(method = "C3", baseline = 7, minSigma = 0, alpha = NULL))
  f <- job$farrington
  control <- list(
    b = f$b, w = f$w, noPeriods = f$noPeriods, pastWeeksNotIncluded = f$pastWeeksNotIncluded,
    thresholdMethod = "nbPlugin", alpha = 0.05, reweight = TRUE, weightsThreshold = 2.58,
    trend = TRUE, pThresholdTrend = 0.05, limit54 = c(5, 4), glmWarnings = FALSE
  )
  first <- f$b * job$frequency + f$w + 1
  farr <- tryCatch(alarm_vector(farringtonFlexible(s, control = control), n), error = function(e) {
    # surveillance stops on a whole run when one period's weights are NaN (a leverage-1 point);
    # redo period by period and count the failures as "no alarm".
    a <- vapply(first:n, function(k) {
      r <- tryCatch(alarms(farringtonFlexible(s, control = modifyList(control, list(range = k)))), error = function(e) "error")
      if (identical(r, "error")) NA else isTRUE(as.logical(r[1]))
    }, logical(1))
    list(firstIndex = first - 1, alarm = !is.na(a) & a, failedPeriods = sum(is.na(a)))
  })
  list(id = job$id, earsC3 = alarm_vector(c3, n), farrington = farr)
})
writeLines(toJSON(list(surveillance = as.character(packageVersion("surveillance")), results = results), auto_unbox = TRUE), args[2])
