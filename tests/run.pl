#!/usr/bin/perl
# run.pl TEST... - run the tests through Perl's TAP::Harness (what `prove`
# uses) and close with the one line CI reads: "N passed, N failed".
#
# TEST is a unit test binary (build/tests/t_*) or a CLI test
# (tests/cli/t_*.sh, run with sh); each prints TAP.  N passed counts the
# passing checks; N failed the failing checks, plus one for each test that
# failed otherwise: ran no check, broke its plan or its TAP, was killed by
# a signal, or exited non-zero with no failing check to say why.  The exit
# status is 1 on any failure.
#
# Each test's output (stdout and stderr) is kept in $TEST_OUT/NAME.log
# (tests/out/ by default, emptied first); a failing test's checks and
# sanitizer reports are shown at the end.
#
# Env: BUILD (build dir, default build); ASAN_OPTIONS and UBSAN_OPTIONS
# keep the caller's values.  The tests get BUILD, LVZHI, LVZHI_SEEDS,
# ASAN_OPTIONS, UBSAN_OPTIONS and TEST_OUT.
#
# The tests run one at a time: on two cores, t_hostile's latency and
# memory bounds, t_crash's kills at random moments and t_fuzz's timed runs
# are measured against a machine that is not busy with another test.
use strict;
use warnings;
use Cwd qw(getcwd);
use File::Basename qw(basename);
use File::Path qw(make_path remove_tree);
use TAP::Harness;

die "usage: perl tests/run.pl TEST...\n" unless @ARGV;

my $cwd = getcwd();
$ENV{BUILD} //= 'build';
$ENV{LVZHI} = "$cwd/$ENV{BUILD}/lvzhi";
$ENV{LVZHI_SEEDS} = "$cwd/corpus/seeds";
$ENV{ASAN_OPTIONS} //= 'detect_leaks=1:abort_on_error=0';
$ENV{UBSAN_OPTIONS} //= 'print_stacktrace=1:halt_on_error=1';
my $out = $ENV{TEST_OUT} // "$cwd/tests/out";
$ENV{TEST_OUT} = $out;
remove_tree($out);
make_path($out);

sub log_of { return "$out/" . basename($_[0]) . '.log' }

my $harness = TAP::Harness->new({
    exec => sub {
        my (undef, $t) = @_;

        return $t =~ /\.sh\z/ ? ['sh', $t] : [$t];
    },
    merge => 1,    # sanitizer reports go to stderr: keep them in the log
    callbacks => {
        made_parser => sub {
            my ($parser, $job) = @_;
            my $log = log_of($job->[0]);

            open(my $fh, '>', $log) or die "run.pl: $log: $!\n";
            $parser->callback(ALL => sub { print $fh $_[0]->raw, "\n" });
            $parser->callback(EOF => sub { close($fh) });
        },
    },
});
my $agg = $harness->runtests(@ARGV);

# Why a test failed beyond its failing checks (nothing if it did not).
sub troubles {
    my ($parser) = @_;
    my @why = $parser->parse_errors;
    my $sig = $parser->wait & 127;

    splice(@why, 3, @why - 3, '(' . (@why - 3) . ' more)') if @why > 4;

    push @why, 'ran no check' unless $parser->tests_run;
    push @why, "killed by signal $sig" if $sig;
    push @why, 'exited with status ' . $parser->exit
        if $parser->exit && !$parser->failed;
    return @why;
}

# What a failing test's log says: its failing checks with the four lines
# after each (the file and line, got and want), and sanitizer reports.
sub excerpt {
    my ($log) = @_;
    my (@lines, @checks, @san);

    open(my $fh, '<', $log) or return ();
    @lines = <$fh>;
    close($fh);
    my $next = 0;    # the first line not shown yet
    for my $i (0 .. $#lines) {
        next unless $lines[$i] =~ /^not ok/;
        my $from = $i > $next ? $i : $next;
        my $to = $i + 4 < $#lines ? $i + 4 : $#lines;
        push @checks, @lines[$from .. $to];
        $next = $to + 1;
    }
    @san = grep { /ERROR: AddressSanitizer|runtime error|LeakSanitizer/ }
        @lines;
    splice(@checks, 40) if @checks > 40;
    splice(@san, 5) if @san > 5;
    return map { "    $_" } @checks, @san;
}

my ($passed, $failed, @broken) = (0, 0);
for my $name ($agg->descriptions) {
    my ($parser) = $agg->parsers($name);
    my $p = $parser->passed;
    my $f = $parser->failed;
    my @why = troubles($parser);

    $f++ if @why;
    $passed += $p;
    $failed += $f;
    next unless $f;
    push @broken, $name;
    if (@why && open(my $fh, '>>', log_of($name))) {
        print $fh "# run.pl: $name: ", join('; ', @why), "\n";
        close($fh);
    }
    print "FAIL $name ($p passed, $f failed)",
        (@why ? ': ' . join('; ', @why) : ''), "\n";
    print excerpt(log_of($name));
}
print "failed: @broken (logs in $out)\n" if @broken;
print "$passed passed, $failed failed\n";
exit($failed ? 1 : 0);
