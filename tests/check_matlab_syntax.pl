#!/usr/bin/perl
# check_matlab_syntax.pl -- fail on Octave-only syntax in .m files.
#
#   perl check_matlab_syntax.pl FILE.m ...         check files
#   perl check_matlab_syntax.pl --selftest DIR     check the checker
#
# MATLAB must be able to load the toolbox's .m files, so they may only use
# syntax both languages accept.  Each file is one test: "PASS: ..." or
# "FAIL: ..." preceded by one "file:line: what: code" diagnostic per
# offending line; the last line is "N passed, N failed" for
# tests/run_tests.sh.
#
# Lines starting with %! (Octave test, error and demo blocks) are comments
# to MATLAB and are not checked; neither are comments and the inside of
# strings.  A line whose comment starts with "octave-only" may call the
# Octave-only functions listed below (for calls guarded by
# exist ('OCTAVE_VERSION', 'builtin')); its syntax is still checked.
#
# --selftest DIR checks every DIR/*.m and expects a diagnostic on exactly
# the lines that contain the marker "expect-octave-only", and on the line
# after each marker "expect-octave-only-next" (for lines that cannot carry
# a comment).
#
# Copyright (C) 2026 The hlnn developers.  GPL-3.0-or-later.
use strict;
use warnings;

my @keywords = qw(endif endfor endwhile endfunction endswitch endparfor
                  end_try_catch end_unwind_protect unwind_protect
                  unwind_protect_cleanup);
my $keyword_re = join ('|', @keywords);
my @octave_fns = qw(printf puts fputs fdisp rows columns);
my $octave_fn_re = join ('|', @octave_fns);

# Split LINE into code with string literals blanked and comments dropped;
# return (code, list of problems met while scanning).
sub scan {
  my ($line) = @_;
  my ($code, @why) = ('');
  my $n = length ($line);
  my $i = 0;
  while ($i < $n) {
    my $c = substr ($line, $i, 1);
    if ($c eq '%') {
      last;
    } elsif ($c eq '#') {
      push @why, "'#' comment (use '%')";
      last;
    } elsif (substr ($line, $i, 3) eq '...') {
      last;                              # continuation: the rest is comment
    } elsif ($c eq "'") {
      if ($code =~ /[\w)\]}.']$/) {      # transpose: follows a value
        $code .= $c;
        $i++;
        next;
      }
      my $j = $i + 1;                    # string: '' is an escaped quote
      while ($j < $n) {
        if (substr ($line, $j, 1) eq "'") {
          last if substr ($line, $j + 1, 1) ne "'";
          $j++;
        }
        $j++;
      }
      push @why, 'unterminated string' if $j >= $n;
      $code .= '"s"';                    # a value that no check matches
      $i = $j + 1;
    } elsif ($c eq '"') {
      push @why, 'double-quoted string (use single quotes)';
      my $j = $i + 1;
      while ($j < $n && substr ($line, $j, 1) ne '"') {
        $j += substr ($line, $j, 1) eq '\\' ? 2 : 1;
      }
      $code .= '"s"';
      $i = $j + 1;
    } else {
      $code .= $c;
      $i++;
    }
  }
  return ($code, @why);
}

# Problems in the code part of one line (strings blanked, no comment);
# RAW is the whole line, VAR the names used as variables in the file.
sub check_code {
  my ($code, $raw, $var) = @_;
  my @why;
  push @why, "'!=' (use '~=')" if $code =~ /!=/;
  push @why, "'!' (use '~')" if $code =~ /!(?!=)/;
  push @why, "'**' power (use '^')" if $code =~ /\*\*/;
  push @why, "increment/decrement operator"
    if $code =~ /[\w)\]]\s*(\+\+|--)\s*([;,]|$)/
    || $code =~ /(^|[;,])\s*(\+\+|--)\s*[A-Za-z_]/;
  push @why, "compound assignment '$1=' (write x = x $1 y)"
    if $code =~ /(\.?[-+*\/^|&])=(?!=)/;
  push @why, "Octave keyword '$1' (use 'end')"
    if $code =~ /(?<![\w.])($keyword_re)\b/;
  push @why, "Octave loop 'do ... until'"
    if $code =~ /^\s*do\s*[,;]?\s*$/ || $code =~ /^\s*until\b/;
  push @why, 'default argument value in a function definition'
    if $code =~ /^\s*function\b[^(]*\(([^)]*)\)/ && $1 =~ /=/;
  if ($code =~ /(?<![\w.])($octave_fn_re)\b/ && !$var->{$1}
      && $raw !~ /%\s*octave-only\b/) {
    my $f = $1;
    my %alt = (printf => 'fprintf', puts => 'fprintf', fputs => 'fprintf',
               fdisp => 'disp', rows => 'size (x, 1)', columns => 'size (x, 2)');
    push @why, "Octave-only function '$f' (use $alt{$f})";
  }
  return @why;
}

# Diagnostics of one file, as (line number, message, text) triples.
sub check_file {
  my ($file) = @_;
  open (my $fh, '<', $file) or return ([0, "cannot read: $!", '']);
  my @diag;
  my $block = 0;                         # depth of %{ ... %} comments (MATLAB nests them)
  my $lnum = 0;
  my @lines;                             # [number, text, code, problems]
  while (my $line = <$fh>) {
    $lnum++;
    chomp $line;
    $line =~ s/\r$//;
    if ($line =~ /^\s*([%#])([{}])\s*$/) {   # block comment delimiters
      my ($lead, $brace) = ($1, $2);
      push @diag, [$lnum, "'#$brace' block comment (use '%$brace')", $line]
        if $lead eq '#';
      $block += $brace eq '{' ? 1 : -1;
      next;
    }
    next if $block > 0 || $line =~ /^\s*%!/;
    my ($code, @why) = scan ($line);
    push @lines, [$lnum, $line, $code, @why];
  }
  close ($fh);
  # a name that is a variable somewhere in the file is not a function call
  my %var;
  for my $l (@lines) {
    my $code = $l->[2];
    $var{$1} = 1 while $code =~ /(?<![\w.])([A-Za-z]\w*)\s*=(?!=)/g;
    if ($code =~ /^\s*function\b(.*)/) {
      my $sig = $1;
      $var{$_} = 1 for $sig =~ /([A-Za-z]\w*)/g;
    }
  }
  for my $l (@lines) {
    my ($n, $line, $code, @why) = @$l;
    push @why, check_code ($code, $line, \%var);
    push @diag, [$n, join ('; ', @why), $line] if @why;
  }
  push @diag, [$lnum, 'unbalanced block comment', ''] if $block;
  return @diag;
}

sub trim { my ($s) = @_; $s =~ s/^\s+|\s+$//g; return $s; }

my ($passed, $failed) = (0, 0);
if (@ARGV && $ARGV[0] eq '--selftest') {
  my $dir = $ARGV[1] // die "usage: $0 --selftest DIR\n";
  for my $file (sort glob ("$dir/*.m")) {
    open (my $fh, '<', $file) or die "$file: $!\n";
    my @lines = <$fh>;
    close ($fh);
    my %want;
    for my $k (0 .. $#lines) {
      if ($lines[$k] =~ /expect-octave-only-next/) {
        $want{$k + 2} = 1;
      } elsif ($lines[$k] =~ /expect-octave-only/) {
        $want{$k + 1} = 1;
      }
    }
    my %got = map { $_->[0] => $_->[1] } check_file ($file);
    my @missed = grep { !$got{$_} } sort { $a <=> $b } keys %want;
    my @extra = grep { !$want{$_} } sort { $a <=> $b } keys %got;
    print "$file:$_: not flagged: ", trim ($lines[$_ - 1]), "\n" for @missed;
    print "$file:$_: flagged wrongly ($got{$_}): ", trim ($lines[$_ - 1]), "\n" for @extra;
    my $ok = !@missed && !@extra;
    printf "%s: checker on %s: %d of %d marked lines flagged, %d unmarked lines flagged\n",
      $ok ? 'PASS' : 'FAIL', $file, scalar (keys %want) - @missed,
      scalar (keys %want), scalar (@extra);
    $ok ? $passed++ : $failed++;
  }
} else {
  for my $file (@ARGV) {
    my @diag = check_file ($file);
    print "$file:$_->[0]: $_->[1]: ", trim ($_->[2]), "\n" for @diag;
    printf "%s: MATLAB syntax of %s (%d offending lines)\n",
      @diag ? 'FAIL' : 'PASS', $file, scalar (@diag);
    @diag ? $failed++ : $passed++;
  }
}
print "$passed passed, $failed failed\n";
exit ($failed ? 1 : 0);
