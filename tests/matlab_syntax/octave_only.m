% octave_only.m -- fixture for check_matlab_syntax.pl --selftest: every line
% carrying the marker must be flagged, and no other line.
function y = octave_only (x, n = 2)   % expect-octave-only
  # an Octave comment   expect-octave-only
  ## a Texinfo-style Octave comment   expect-octave-only
  y = x; # trailing Octave comment   expect-octave-only
  if (x != 0)   % expect-octave-only
    y = !x;   % expect-octave-only
  endif   % expect-octave-only
  for k = 1:3
    y++;   % expect-octave-only
    ++y;   % expect-octave-only
    y--;   % expect-octave-only
    y += 1;   % expect-octave-only
    y -= 1;   % expect-octave-only
    y *= 2;   % expect-octave-only
    y /= 2;   % expect-octave-only
    y ^= 1;   % expect-octave-only
    y .*= 1;   % expect-octave-only
  endfor   % expect-octave-only
  while (false)
  endwhile   % expect-octave-only
  switch (n)
    case 1
  endswitch   % expect-octave-only
  y = x ** 2;   % expect-octave-only
  s = "double quoted";   % expect-octave-only
  t = ['ok' "mixed"];   % expect-octave-only
  try
    error ('x');
  catch
  end_try_catch   % expect-octave-only
  unwind_protect   % expect-octave-only
    y = 1;
  unwind_protect_cleanup   % expect-octave-only
    y = 2;
  end_unwind_protect   % expect-octave-only
  do   % expect-octave-only
    y = y - 1;
  until (y < 0)   % expect-octave-only
  printf ('%d\n', y);   % expect-octave-only
  puts ('text\n');   % expect-octave-only
  fputs (stdout, 'text\n');   % expect-octave-only
  fdisp (stdout, y);   % expect-octave-only
  m = rows (x) + columns (x);   % expect-octave-only
  % expect-octave-only-next
#{
  inside an Octave block comment: x != y
  % expect-octave-only-next
#}
endfunction   % expect-octave-only
