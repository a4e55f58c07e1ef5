/**
 * Board profiles: what ROSE knows about each board it runs on or emulates, and how it finds out which
 * one that is.
 *
 * <h2>Model</h2>
 * A {@link rose.board.BoardProfile} holds the board's identity (id, name, product code, RouterOS
 * architecture), its {@link rose.board.CpuInfo}, memory and storage, its {@link rose.board.BoardPort}s
 * with RouterOS names and MTU/L2MTU limits, its {@link rose.board.SwitchChip}s, its
 * {@link rose.board.CryptoEngineInfo} (the RouterOS IPsec hardware-acceleration row and the Linux
 * driver with the algorithms it registers), published {@link rose.board.ThroughputFigure}s with their
 * conditions, {@link rose.board.DetectionHints}, and the source of every fact. A value no source gives
 * is empty; the loader refuses a fact without a source.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>{@link rose.board.BoardProfiles#load()} reads {@code rose/board/boards/index.json} and one data
 *       file per board, strictly ({@code BoardProfileReader}).
 *   <li>{@link rose.board.BoardDetector#detect()} reads the machine (device tree, DMI, cpuinfo, meminfo)
 *       below an injected root and picks a profile; see its class comment for the order.
 *   <li>The appliance maps the {@link rose.board.DetectedBoard}'s profile to its own hardware view
 *       ({@code /system resource}, {@code /system routerboard}, {@code /interface} defaults).
 * </ol>
 *
 * <h2>MTU arithmetic</h2>
 * {@link rose.board.MtuCalculator} gives ESP's overhead per transform (as wire sizes), mode, NAT-T and
 * outer family, the largest inner packet for an outer MTU and the MSS to clamp to; GRE, IPIP and EoIP
 * overheads. Reference 07 §C's tables are its test oracle ({@code MtuCalculatorTest}).
 */
package rose.board;
