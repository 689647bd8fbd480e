% compatible.m -- fixture for check_matlab_syntax.pl --selftest: valid
% MATLAB that looks Octave-ish to a careless checker.  Nothing here may be
% flagged.
function y = compatible (x, columns)
  % comments may say anything: x != y, x++, endif, printf, "quoted", #
  y = x';                          % transpose after an identifier
  y = x.';                         % non-conjugate transpose
  y = [x' x'];                     % transposes inside brackets
  y = (x + 1)' * x(1)';            % after ) and ]
  c = {x}';                        % after }
  z = y'';                         % double transpose
  s = 'it''s # not a comment, != and ! and ++ and += and "quotes"';
  t = ['a' 'b'];                   % strings inside brackets
  u = [s 'c'];                     % string after a space
  v = sprintf ('%d%%', 3);         % % inside a string
  w = fprintf ('rows columns printf\n');
  if (x ~= 0 && ~isempty (x) || x >= 1 || x <= 2 || x == 3)
    y = -x;
  end
  y = x - -1;                      % binary minus, unary minus
  a = x(end)';
  b = x(:)' * 2 ^ 3;
  rows_total = 3;                  % identifiers merely containing a name
  nrows = rows_total + 1;
  k = columns + 1;                 % a parameter named like an Octave function
  rows = 2;                        % so is a variable
  k = k + rows;
  q.endif_flag = 1;                % a field may be named anything
  y = 1 + ...  a continuation's tail is a comment: != # "
      2;
  fprintf ('%s\n', 'done');
  printf ('guarded\n');            % octave-only: a guarded call is allowed
%{
  a block comment: x != y; endif; "quoted"; # anything
%}
end

%!test
%! # Octave test blocks are comments to MATLAB: anything goes here
%! x = 1; x += 1; assert (x != 1);
%! printf ("%d\n", x);
%!error <Invalid call> compatible ()
