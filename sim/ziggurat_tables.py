# Ziggurat tables for the standard exponential (Marsaglia & Tsang 2000), 256 layers, computed in
# 60-digit decimal arithmetic (correctly rounded exp/ln) and rounded once to double.
from decimal import Decimal, getcontext
getcontext().prec = 60
R = Decimal("7.69711747013104972")
V = Decimal("0.0039496598225815571993")
f = lambda x: (-x).exp()
finv = lambda y: -(y.ln())
N = 256
x = [Decimal(0)] * (N + 1)
x[0] = V / f(R)
x[1] = R
for i in range(2, N):
    x[i] = finv(V / x[i - 1] + f(x[i - 1]))
x[N] = Decimal(0)
fv = [f(v) for v in x]
def emit(name, vals):
    print(f"constexpr std::array<double, {N + 1}> {name} = {{")
    row = []
    for v in vals:
        row.append(float(v).hex())
        if len(row) == 4:
            print("    " + ", ".join(row) + ",")
            row = []
    if row: print("    " + ", ".join(row) + ",")
    print("};")
emit("kZigExpX", x)
emit("kZigExpF", fv)
print("// R =", float(R).hex(), " x[255] =", float(x[255]), " x[254] =", float(x[254]))
