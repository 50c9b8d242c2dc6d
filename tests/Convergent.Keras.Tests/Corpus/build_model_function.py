#!/usr/bin/env python
"""Model built in a function, called from a main guard (a common script layout)."""
import argparse
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Dropout, BatchNormalization
from keras.optimizers import Adam


def load_data(path):
    data = np.loadtxt(path, delimiter=',')
    return data[:, :-1], data[:, -1]


def create_model(input_dim, hidden=(128, 64), dropout=0.3, learning_rate=0.001):
    model = Sequential()
    for i, units in enumerate(hidden):
        if i == 0:
            model.add(Dense(units, activation='relu', input_dim=input_dim))
        else:
            model.add(Dense(units, activation='relu'))
        model.add(BatchNormalization())
        model.add(Dropout(dropout))
    model.add(Dense(1, activation='linear'))
    model.compile(optimizer=Adam(lr=learning_rate), loss='mse', metrics=['mae'])
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', default='housing.csv')
    args = parser.parse_args()
    X, y = load_data(args.data)
    model = create_model(13, hidden=(64, 32), learning_rate=0.005)
    model.fit(X, y, epochs=100, batch_size=16, validation_split=0.2, verbose=0)
    print(model.evaluate(X, y))


if __name__ == '__main__':
    main()
