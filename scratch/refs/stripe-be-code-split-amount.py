def splitAmount(total, weights):
    if total < 0:
        return [0 if x == 0 else -x for x in splitAmount(-total, weights)]
    weight_sum = sum(weights)
    if weight_sum == 0 or total == 0:
        return [0 for _ in weights]
    shares = []
    remainders = []
    for i, w in enumerate(weights):
        share, rest = divmod(total * w, weight_sum)
        shares.append(share)
        remainders.append((rest, i))
    leftover = total - sum(shares)
    # Largest remainder first; ties go to the earlier weight.
    remainders.sort(key=lambda item: (-item[0], item[1]))
    for _, i in remainders[:leftover]:
        shares[i] += 1
    return shares
