# Reference forecasts for bench/forecast-accuracy.ts: R forecast::ets and forecast::auto.arima (defaults)
# on the same training windows, plus forecast::stlf for weekly series.
#
#   Rscript bench/forecast-reference.R jobs.json out.json
#
# jobs.json: [{ "id": ..., "values": [...], "frequency": 1|4|12|52, "h": ... }]. out.json: one entry per
# job with each method's model string, mean, 80%/95% bounds and fit+forecast seconds; a method that fails
# on a series reports its error message instead.
suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
jobs <- fromJSON(args[1], simplifyVector = FALSE)

run <- function(label, fitter) {
  started <- proc.time()[["elapsed"]]
  result <- tryCatch({
    fc <- suppressWarnings(fitter())
    list(
      model = label(fc),
      mean = as.numeric(fc$mean),
      lower80 = as.numeric(fc$lower[, 1]), upper80 = as.numeric(fc$upper[, 1]),
      lower95 = as.numeric(fc$lower[, 2]), upper95 = as.numeric(fc$upper[, 2])
    )
  }, error = function(e) list(error = conditionMessage(e)))
  result$seconds <- proc.time()[["elapsed"]] - started
  result
}

out <- lapply(jobs, function(job) {
  y <- ts(unlist(job$values), frequency = job$frequency)
  h <- job$h
  entry <- list(
    id = job$id,
    ets = run(function(fc) fc$method, function() forecast(ets(y), h = h, level = c(80, 95))),
    arima = run(function(fc) fc$method, function() forecast(auto.arima(y), h = h, level = c(80, 95)))
  )
  if (job$frequency == 52) {
    entry$stlf <- run(function(fc) fc$method, function() stlf(y, h = h, level = c(80, 95)))
  }
  entry
})
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null"), args[2])
