# Expected values of TestStabilityR (stability_test.go), computed with
# R 4.2.2 (Debian r-base-core 4.2.2.20221110):
#
#   Rscript session/stats/testdata/stability.R
#
# prints one Go literal per row; they are pasted into the test. The data
# block below must stay identical to delphiData in stability_test.go (the
# test checks that). "A" is an abstention; a second rating of the same
# rater, element, criterion and round replaces the first.
data <- "
e1 impact 1 p1 3
e1 impact 1 p2 4
e1 impact 1 p3 2
e1 impact 1 p4 5
e1 impact 1 p5 3
e1 impact 1 p6 4
e2 impact 1 p1 2
e2 impact 1 p2 1
e2 impact 1 p3 3
e2 impact 1 p4 4
e2 impact 1 p5 5
e2 impact 1 p6 3
e3 impact 1 p1 1
e3 impact 1 p2 4
e3 impact 1 p3 3
e3 impact 1 p4 1
e3 impact 1 p5 4
e3 impact 1 p6 2
e1 effort 1 p1 2
e1 effort 1 p2 3
e1 effort 1 p3 2
e1 effort 1 p4 4
e1 effort 1 p5 1
e1 effort 1 p6 3
e2 effort 1 p1 3
e2 effort 1 p2 A
e2 effort 1 p3 2
e3 effort 1 p1 2
e3 effort 1 p2 3
e1 shift 1 p1 -1
e1 shift 1 p2 1
e1 shift 1 p3 0
e1 shift 1 p4 0
e1 impact 2 p1 4
e1 impact 2 p2 4
e1 impact 2 p3 5
e1 impact 2 p3 3
e1 impact 2 p4 4
e1 impact 2 p5 3
e1 impact 2 p6 4
e2 impact 2 p1 3
e2 impact 2 p2 3
e2 impact 2 p3 4
e2 impact 2 p4 2
e2 impact 2 p5 4
e2 impact 2 p6 4
e1 effort 2 p1 2
e1 effort 2 p2 3
e1 effort 2 p3 2
e1 effort 2 p4 4
e1 effort 2 p5 1
e1 effort 2 p6 3
e2 effort 2 p1 4
e2 effort 2 p2 3
e2 effort 2 p3 A
e3 effort 2 p1 A
e3 effort 2 p2 A
e1 shift 2 p1 -1
e1 shift 2 p2 2
e1 shift 2 p3 0
e1 shift 2 p4 1
e3 impact 3 p1 2
e3 impact 3 p2 2
e3 impact 3 p3 A
e3 impact 3 p4 4
e3 impact 3 p5 A
e3 impact 3 p6 A
"
d <- read.table(text = data, col.names = c("element", "criterion", "round", "rater", "value"),
                colClasses = "character")
d$round <- as.integer(d$round)
d <- d[!duplicated(paste(d$element, d$criterion, d$round, d$rater), fromLast = TRUE), ]
given <- d[d$value != "A", ]
given$value <- as.numeric(given$value)

num <- function(x) if (is.na(x)) "nil" else sprintf("fp(%.17g)", x)
cv <- function(x) if (length(x) >= 2 && mean(x) != 0) sd(x) / mean(x) else NA

# irr 0.84.1's kendall(ratings, correct = TRUE), its code unchanged but for
# the NA when fewer than 2 elements or raters remain (irr is not packaged
# for Debian). Rows are elements, columns raters; na.omit drops the
# elements some rater did not rate.
kendall <- function(ratings) {
  ratings <- as.matrix(na.omit(ratings))
  ns <- nrow(ratings)
  nr <- ncol(ratings)
  if (ns < 2 || nr < 2) return(NA)
  ratings.rank <- apply(ratings, 2, rank)
  Tj <- 0
  for (i in 1:nr) {
    rater <- table(ratings.rank[, i])
    ties <- rater[rater > 1]
    l <- as.numeric(ties)
    Tj <- Tj + sum(l^3 - l)
  }
  coeff <- (12 * var(apply(ratings.rank, 1, sum)) * (ns - 1)) / (nr^2 * (ns^3 - ns) - nr * Tj)
  if (is.finite(coeff)) coeff else NA
}
# W of one criterion x round over the given elements: the raters are those
# with a value on any of them.
w <- function(crit, rnd, elems) {
  v <- given[given$criterion == crit & given$round == rnd & given$element %in% elems, ]
  if (nrow(v) == 0) return(NA)
  kendall(tapply(v$value, list(v$element, v$rater), identity))
}

elements <- c("e1", "e2", "e3")
criteria <- c("impact", "effort", "shift")
cat("elements:\n")
for (e in elements) for (cr in criteria) {
  rounds <- sort(unique(d$round[d$element == e & d$criterion == cr]))
  for (k in seq_len(max(0, length(rounds) - 1))) {
    r1 <- rounds[k]; r2 <- rounds[k + 1]
    a <- given[given$element == e & given$criterion == cr & given$round == r1, ]
    b <- given[given$element == e & given$criterion == cr & given$round == r2, ]
    m <- merge(a, b, by = "rater")
    from <- m$value.x; to <- m$value.y
    n <- length(to)
    V <- NA; p <- NA
    if (n > 0) {
      t <- suppressWarnings(wilcox.test(to, from, paired = TRUE))
      V <- t$statistic; p <- t$p.value
    }
    cat(sprintf('{"%s", "%s", %d, %d, %d, %s, %s, %s, %s, %s, %s},\n', e, cr, r1, r2, n,
                num(if (n > 0) mean(to == from) else NA), num(if (n > 0) mean(abs(to - from)) else NA),
                num(V), num(p), num(cv(from)), num(cv(to))))
  }
}
cat("criteria:\n")
for (cr in criteria) {
  rounds <- sort(unique(d$round[d$criterion == cr]))
  for (k in seq_len(max(0, length(rounds) - 1))) {
    r1 <- rounds[k]; r2 <- rounds[k + 1]
    common <- intersect(unique(d$element[d$criterion == cr & d$round == r1]),
                        unique(d$element[d$criterion == cr & d$round == r2]))
    wf <- w(cr, r1, common); wt <- w(cr, r2, common)
    cat(sprintf('{"%s", %d, %d, %d, %s, %s, %s},\n', cr, r1, r2, length(common),
                num(wf), num(wt), num(wt - wf)))
  }
}
# The W of each round over all its elements, as CriterionStats.KendallW.
cat("rounds:\n")
for (cr in criteria) for (r in sort(unique(d$round[d$criterion == cr]))) {
  cat(sprintf('{"%s", %d, %s},\n', cr, r, num(w(cr, r, unique(d$element)))))
}
# irr's documented example: kendall(anxiety, correct = TRUE) = 0.5396569.
anxiety <- cbind(
  c(3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3),
  c(3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4),
  c(2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2))
cat(sprintf("anxiety check: %.7f\n", kendall(anxiety)))
