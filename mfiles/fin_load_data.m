% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{D} =} fin_load_data (@var{name})
% @deftypefnx {hlnn} {@var{D} =} fin_load_data (@var{name}, @var{dir})
% Load one of the finance data sets shipped with hlnn.
%
% @var{name} is one of
% @table @asis
% @item @qcode{'eustockmarkets'}
% daily closes of the DAX, SMI, CAC and FTSE indices, 1991--1998, 1860 rows
% in business time (260 per year; weekends and holidays omitted), from R's
% @code{datasets::EuStockMarkets}.
% @item @qcode{'ust-tcm-monthly'}
% monthly US Treasury constant-maturity yields at 1, 3, 5 and 10 years, in
% percent, April 1953 -- September 1999, 558 rows, from R's
% @code{tseries::tcm} (Federal Reserve release H.15).
% @end table
%
% @var{D} is a struct with fields @code{t} (T x 1, fractional years),
% @code{P} (T x n, rows = time, columns = series), @code{names} (1 x n cell
% of column names), @code{ppy} (periods per year), @code{units},
% @code{file} (the CSV read) and @code{source} (one line of provenance;
% the README.md beside each CSV has the full notes, checksum and licence).
%
% The files are looked up in @var{dir}/@var{name}/ when @var{dir} is given,
% else in the installed package's @file{data/} directory, else in the
% source tree's @file{examples/data/}.  Nothing outside the package or the
% source tree is read.
% @seealso{fin_phase_space, fin_backtest}
% @end deftypefn
function D = fin_load_data (name, dir)
  hlnn_check_nargin (nargin, 1, 2, 'fin_load_data');
  sets = {'eustockmarkets', 'ust-tcm-monthly'};
  if (~ischar (name) || size (name, 1) ~= 1 || ~any (strcmpi (name, sets)))
    error ('hlnn:fin:data', 'fin_load_data: NAME must be one of: %s', strjoin (sets, ', '));
  end
  name = lower (name);
  if (nargin < 2)
    dir = '';
  elseif (~ischar (dir) || size (dir, 1) > 1)
    error ('hlnn:fin:data', 'fin_load_data: DIR must be a folder name');
  end
  if (strcmp (name, 'eustockmarkets'))
    file = locate (name, 'EuStockMarkets.csv', dir);
    [A, header] = read_csv (file);
    D.t = A(:, 1);
    D.P = A(:, 2:end);
    D.names = header(2:end);
    D.ppy = 260;
    D.units = 'index points';
    D.source = ['R datasets::EuStockMarkets (daily closes, business time, ', ...
                'provided to R by Erste Bank AG, Vienna)'];
  else
    file = locate (name, 'tcm.csv', dir);
    [A, header] = read_csv (file);
    D.t = A(:, 3);
    D.P = A(:, 4:end);
    D.names = header(4:end);
    D.ppy = 12;
    D.units = 'percent per annum';
    D.source = ['R tseries::tcm (monthly US Treasury constant-maturity ', ...
                'yields, Federal Reserve release H.15)'];
  end
  D.name = name;
  D.file = file;
end

function file = locate (name, base, dir)
  here = fileparts (mfilename ('fullpath'));
  if (~isempty (dir))
    cands = {fullfile(dir, name, base)};
  else
    cands = {fullfile(here, 'data', name, base), ...
             fullfile(here, '..', 'examples', 'data', name, base)};
  end
  for k = 1:numel (cands)
    if (exist (cands{k}, 'file'))
      file = cands{k};
      return;
    end
  end
  error ('hlnn:fin:data', 'fin_load_data: cannot find %s (looked in: %s)', ...
         base, strjoin (cands, ', '));
end

function [A, header] = read_csv (file)
  fid = fopen (file, 'r');
  if (fid < 0)
    error ('hlnn:fin:data', 'fin_load_data: cannot open %s', file);
  end
  line = fgetl (fid);
  fclose (fid);
  header = strtrim (strsplit (line, ','));
  A = dlmread (file, ',', 1, 0);
  if (size (A, 2) ~= numel (header) || any (~isfinite (A(:))))
    error ('hlnn:fin:data', 'fin_load_data: %s is not a complete numeric CSV', file);
  end
end

%!test
%! D = fin_load_data ('eustockmarkets');
%! assert (size (D.P), [1860 4]);
%! assert (D.names, {'DAX', 'SMI', 'CAC', 'FTSE'});
%! assert (D.P(1, :), [1628.75 1678.1 1772.8 2443.6]);
%! assert (max (abs (diff (D.t) - 1 / 260)) < 1e-9);
%! assert (D.ppy, 260);

%!test
%! D = fin_load_data ('UST-TCM-monthly');
%! assert (size (D.P), [558 4]);
%! assert (D.names, {'tcm1y', 'tcm3y', 'tcm5y', 'tcm10y'});
%! assert (D.P(1, :), [2.36 2.51 2.62 2.83]);
%! assert (D.t(1), 1953.25);
%! assert (D.ppy, 12);

%!error <NAME must be one of> fin_load_data ('sp500')
%!error <cannot find> fin_load_data ('eustockmarkets', tempdir ())
%!error <Invalid call> fin_load_data ()

%!demo
%! D = fin_load_data ('eustockmarkets');
%! semilogy (D.t, D.P); legend (D.names); xlabel ('year'); title (D.source);
