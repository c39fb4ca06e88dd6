/**
 * A tile-grid cartogram of China's 34 provincial-level divisions: one square each,
 * placed roughly where the province lies ([column, row], north-west at 0,0).
 */
export const TILE_GRID: Readonly<Record<string, readonly [number, number]>> = {
  'CN-HL': [7, 0],
  'CN-NM': [4, 1], 'CN-BJ': [5, 1], 'CN-LN': [6, 1], 'CN-JL': [7, 1],
  'CN-XJ': [0, 2], 'CN-NX': [2, 2], 'CN-SX': [3, 2], 'CN-HE': [4, 2], 'CN-TJ': [5, 2],
  'CN-QH': [1, 3], 'CN-GS': [2, 3], 'CN-SN': [3, 3], 'CN-HA': [4, 3], 'CN-SD': [5, 3],
  'CN-XZ': [0, 4], 'CN-SC': [2, 4], 'CN-CQ': [3, 4], 'CN-HB': [4, 4], 'CN-AH': [5, 4], 'CN-JS': [6, 4],
  'CN-YN': [2, 5], 'CN-GZ': [3, 5], 'CN-HN': [4, 5], 'CN-JX': [5, 5], 'CN-ZJ': [6, 5], 'CN-SH': [7, 5],
  'CN-GX': [3, 6], 'CN-GD': [4, 6], 'CN-FJ': [5, 6], 'CN-TW': [6, 6],
  'CN-HI': [3, 7], 'CN-MO': [4, 7], 'CN-HK': [5, 7],
};

export const GRID_COLUMNS = 8;
export const GRID_ROWS = 8;
